package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/** The lesson is about the wire: a compressed stream's first chunk must reach a real client before the second. */
class CompressionLiveTest {

    @Test
    @Timeout(15)
    void eachStreamedChunkReachesTheClientCompressedBeforeTheNextIsSent() throws Exception {
        CompletableFuture<Void> clientGotFirst = new CompletableFuture<>();
        // The handler sends the second chunk only once the client has decoded the first: were the first held back
        // in the compressor (no flush) or anywhere else, the client would wait forever and the test time out.
        Application app = (scope, receive, send) -> send.send(new HttpResponseStart(200,
                        Headers.of("content-type", "text/plain")))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("first chunk;"))))
                .thenCompose(v -> clientGotFirst)
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("second chunk"))));
        try (PagiServer server = PagiServer.start(Compression.builder().build().wrap(app),
                ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                        .shutdownGrace(Duration.ofSeconds(2)).build());
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<InputStream> res = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/stream"))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, res.statusCode());
            assertEquals("gzip", res.headers().firstValue("content-encoding").orElseThrow());
            assertEquals("chunked", res.headers().firstValue("transfer-encoding").orElseThrow());
            try (InputStream body = new GZIPInputStream(res.body(), 64)) {
                assertEquals("first chunk;", new String(body.readNBytes(12), StandardCharsets.UTF_8));
                clientGotFirst.complete(null);
                assertEquals("second chunk", new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            clientGotFirst.complete(null);   // never leave the handler waiting
        }
    }
}
