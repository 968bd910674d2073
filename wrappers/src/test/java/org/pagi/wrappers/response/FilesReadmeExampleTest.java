package org.pagi.wrappers.response;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.Blocking;

/** The examples of the "Files and ranges: FileResponse" section of wrappers/README.md, kept identical and run. */
@Timeout(20)
class FilesReadmeExampleTest {

    @TempDir
    Path root;

    @Test
    void asyncMode() throws IOException {
        Path dir = root;
        Bytes logo = Bytes.ascii("PNG...");
        // --- README example starts
        Application download = (scope, receive, send) -> FileResponse.of(dir.resolve("report.csv"))
                .attachment("Q3 report.csv")                 // Content-Disposition, name cleaned
                .withHeader("cache-control", "max-age=3600")
                .respond(scope, send);                       // 200, 206, 304, 416, 404 or 403 as the request asks

        Application image = (scope, receive, send) ->
                RangedResponse.of(Response.bytes(logo, "image/png").withHeader("etag", "\"logo-v3\""))
                        .respond(scope, send);
        // --- README example ends
        check(download, image);
    }

    @Test
    void blockingMode() throws IOException {
        Path dir = root;
        // --- README example starts
        Application download = Blocking.app((scope, receive, send) -> {
            String name = ((HttpScope) scope).request().path().substring(1);   // serve only names you chose
            FileResponse.of(dir.resolve("report.csv")).attachment(name).blocking().respond(scope, send);
        });
        // --- README example ends
        Bytes logo = Bytes.ascii("PNG...");
        Application image = Blocking.app((scope, receive, send) ->
                RangedResponse.of(Response.bytes(logo, "image/png").withHeader("etag", "\"logo-v3\""))
                        .blocking().respond(scope, send));
        check(download, image);
    }

    private void check(Application download, Application image) throws IOException {
        Files.writeString(root.resolve("report.csv"), "a,b\n1,2\n", StandardCharsets.UTF_8);
        TestResponse whole = TestClient.of(download).get("/Q3 report.csv").send();
        assertEquals(200, whole.status());
        assertEquals(Optional.of("attachment; filename=\"Q3 report.csv\""), whole.header("content-disposition"));
        assertEquals(Optional.of("text/csv; charset=utf-8"), whole.header("content-type"));
        TestResponse tail = TestClient.of(download).get("/Q3 report.csv").header("range", "bytes=-4").send();
        assertEquals(206, tail.status());
        assertEquals("1,2\n", tail.text());
        String etag = whole.header("etag").orElseThrow();
        assertEquals(304, TestClient.of(download).get("/Q3 report.csv").header("if-none-match", etag).send().status());

        assertEquals("PN", TestClient.of(image).get("/").header("range", "bytes=0-1").send().text());
        assertEquals(304, TestClient.of(image).get("/").header("if-none-match", "\"logo-v3\"").send().status());
    }
}
