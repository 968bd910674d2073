package org.pagi.wrappers.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.http.Multipart;
import org.pagi.wrappers.response.Response;

/** A file uploaded over a real socket: parsed, spilled to the configured temp dir, and gone after the response. */
@Timeout(30)
class MultipartUploadOverSocketTest {

    private static final Bytes CONTENT = RequestMultipartTest.random(300 * 1024);

    @TempDir
    Path tempDir;

    @Test
    void aSpilledUploadArrivesWholeAndItsTempFileIsDeletedWhenTheResponseCompletes() throws Exception {
        CompletableFuture<Path> spilled = new CompletableFuture<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        BodyLimits limits = BodyLimits.DEFAULTS.withTempDir(tempDir);
        Application upload = (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
            }
            Request request = Request.of(http, receive);
            return request.multipart().thenCompose(form -> {
                UploadedFile file = form.file("upload").orElseThrow();
                spilled.complete(file.path().orElseThrow());
                request.onComplete(() -> ended.complete(null));
                return Response.text(form.field("note").orElse("") + " " + file.filename() + " " + file.size()
                        + " " + file.bytes().equals(CONTENT)).respond(scope, send);
            });
        };
        Multipart body = Multipart.builder().field("note", "hi").file("upload", "photo.jpg", "image/jpeg", CONTENT)
                .build();
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(limits.middleware().wrap(upload), config);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/upload"))
                    .timeout(Duration.ofSeconds(10)).header("content-type", body.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.body().toByteArray())).build();
            HttpResponse<String> res = client.send(post, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode());
            assertEquals("hi photo.jpg " + CONTENT.length() + " true", res.body());
            assertEquals(tempDir, spilled.get(10, TimeUnit.SECONDS).getParent());
            ended.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(), RequestMultipartTest.list(tempDir));
        }
    }
}
