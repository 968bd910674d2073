package org.pagi.wrappers.response;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseFile;

/**
 * A 10 MiB file over the real server: whole, one range, several ranges and HEAD, in both handler modes and with
 * wrapper-read chunks. Every event the application sent is recorded: no body event ever holds more than one
 * 64 KiB chunk, so the file was never read whole into memory on the application side.
 */
@Timeout(60)
class FileResponseServerTest {

    private static final int SIZE = 10 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aTenMebibyteFileIsServedInRangesAndNeverReadWhole() throws Exception {
        byte[] content = FileResponseTest.content(SIZE);
        Path file = Files.write(dir.resolve("big.bin"), content);
        List<Event> events = new CopyOnWriteArrayList<>();
        Application async = FileResponseTest.serve(Mode.ASYNC, FileResponse.of(file));
        Application blocking = FileResponseTest.serve(Mode.BLOCKING, FileResponse.of(file));
        Application chunked = FileResponseTest.serve(Mode.ASYNC, FileResponse.of(file).streamedInChunks());
        Application app = FileResponseTest.recorded((scope, receive, send) -> scope instanceof HttpScope http
                ? switch (http.request().path()) {
                    case "/blocking" -> blocking.call(scope, receive, send);
                    case "/chunked" -> chunked.call(scope, receive, send);
                    default -> async.call(scope, receive, send);
                }
                : CompletableFuture.failedFuture(new UnsupportedScopeException(scope)), events);

        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(app, config);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            for (String path : List.of("/async", "/blocking", "/chunked")) {
                URI uri = URI.create("http://127.0.0.1:" + server.port() + path);

                HttpResponse<byte[]> whole = send(client, HttpRequest.newBuilder(uri));
                assertEquals(200, whole.statusCode(), path);
                assertTrue(Arrays.equals(content, whole.body()), path + ": the whole file");

                HttpResponse<byte[]> one = send(client, HttpRequest.newBuilder(uri).header("range", "bytes=1048576-2097151"));
                assertEquals(206, one.statusCode());
                assertEquals(Optional.of("bytes 1048576-2097151/" + SIZE), one.headers().firstValue("content-range"));
                assertArrayEquals(Arrays.copyOfRange(content, 1048576, 2097152), one.body());

                HttpResponse<byte[]> many = send(client, HttpRequest.newBuilder(uri)
                        .header("range", "bytes=-100,0-99,5000000-5300000"));
                assertEquals(206, many.statusCode());
                List<ByteRangeParts.Part> parts = ByteRangeParts.parse(
                        many.headers().firstValue("content-type").orElseThrow(), many.body()).parts();
                assertEquals(List.of(0L, 5_000_000L, SIZE - 100L), parts.stream().map(ByteRangeParts.Part::first).toList());
                for (ByteRangeParts.Part p : parts) {
                    assertArrayEquals(Arrays.copyOfRange(content, (int) p.first(), (int) p.last() + 1), p.body());
                }

                HttpResponse<byte[]> head = send(client, HttpRequest.newBuilder(uri)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()));
                assertEquals(200, head.statusCode());
                assertEquals(Optional.of(Integer.toString(SIZE)), head.headers().firstValue("content-length"));
                assertEquals(0, head.body().length);
            }
        }
        long fileEvents = events.stream().filter(HttpResponseFile.class::isInstance).count();
        assertEquals(4, fileEvents, "async and blocking: the whole file and the single range went as file events");
        int largest = events.stream().filter(HttpResponseBody.class::isInstance)
                .mapToInt(e -> ((HttpResponseBody) e).body().length()).max().orElseThrow();
        assertTrue(largest <= FileChunks.CHUNK, "largest body event " + largest + " bytes");
        long chunkEvents = events.stream().filter(HttpResponseBody.class::isInstance).count();
        assertTrue(chunkEvents > SIZE / FileChunks.CHUNK, "the chunked whole file alone takes 160 events: " + chunkEvents);
    }

    private static HttpResponse<byte[]> send(HttpClient client, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
