package org.pagi.examples.appfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.spec.Bytes;

/** What a client of app-01-file sees, over any transport: upstream's test URLs and its listed features. */
abstract class AppFileChecks extends ExampleChecks {

    /** @return the shipped file under {@code static/}, as the tests expect it served */
    static String shipped(String name) {
        try (InputStream in = App.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("static/" + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ExampleResponse get(String path) {
        return serve(new App()).send(ExampleRequest.get(path));
    }

    private static void assertServed(ExampleResponse response, String type, String name) {
        assertEquals(200, response.status(), name);
        assertEquals(type, response.header("content-type").orElseThrow(), name);
        String body = shipped(name);
        assertEquals(body, response.text(), name);
        assertEquals(Integer.toString(body.getBytes(StandardCharsets.UTF_8).length),
                response.header("content-length").orElseThrow(), name);
    }

    @Test
    void theRootServesIndexHtml() {
        ExampleResponse response = get("/");
        assertServed(response, "text/html; charset=utf-8", "index.html");
        assertTrue(response.text().contains("<h1>Welcome to PAGI::App::File</h1>"));
    }

    @Test
    void eachTestUrlGetsItsFileWithTheTypeOfItsExtension() {
        assertServed(get("/test.txt"), "text/plain; charset=utf-8", "test.txt");
        assertServed(get("/data.json"), "application/json", "data.json");
        assertServed(get("/style.css"), "text/css; charset=utf-8", "style.css");
        assertServed(get("/subdir/nested.txt"), "text/plain; charset=utf-8", "subdir/nested.txt");
    }

    @Test
    void aFolderWithoutItsSlashIsRedirectedAndWithoutAnIndexIsMissing() {
        ExampleClient client = serve(new App());
        ExampleResponse bare = client.send(ExampleRequest.get("/subdir"));
        assertEquals(301, bare.status());
        assertEquals("/subdir/", bare.header("location").orElseThrow());
        assertEquals(404, client.send(ExampleRequest.get("/subdir/")).status(), "subdir has no index.html");
    }

    @Test
    void theEtagOfAFileAnswersTheNextRequestWith304() {
        ExampleClient client = serve(new App());
        String etag = client.send(ExampleRequest.get("/test.txt")).header("etag").orElseThrow();
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), "a strong ETag: " + etag);

        ExampleResponse again = client.send(ExampleRequest.get("/test.txt").withHeader("if-none-match", etag));
        assertEquals(304, again.status());
        assertEquals(etag, again.header("etag").orElseThrow());
        assertEquals(Bytes.empty(), again.body());

        ExampleResponse changed = client.send(ExampleRequest.get("/test.txt")
                .withHeader("if-none-match", "\"another\""));
        assertEquals(200, changed.status(), "another ETag gets the file");
    }

    @Test
    void aRangeGetsPartialContent() {
        ExampleClient client = serve(new App());
        String whole = shipped("test.txt");
        int length = whole.getBytes(StandardCharsets.UTF_8).length;

        ExampleResponse part = client.send(ExampleRequest.get("/test.txt").withHeader("range", "bytes=0-4"));
        assertEquals(206, part.status());
        assertEquals("Hello", part.text());
        assertEquals("bytes 0-4/" + length, part.header("content-range").orElseThrow());

        ExampleResponse tail = client.send(ExampleRequest.get("/test.txt").withHeader("range", "bytes=-8"));
        assertEquals(206, tail.status());
        assertEquals(whole.substring(whole.length() - 8), tail.text());

        ExampleResponse beyond = client.send(ExampleRequest.get("/test.txt")
                .withHeader("range", "bytes=" + length + "-"));
        assertEquals(416, beyond.status());
        assertEquals("bytes */" + length, beyond.header("content-range").orElseThrow());
    }

    @Test
    void aPathOutOfTheFolderIsRefused() {
        ExampleClient client = serve(new App());
        assertEquals(400, client.send(ExampleRequest.get("/subdir/%2e%2e/%2e%2e/App.class")).status(),
                "a dot segment, however encoded");
        assertEquals(400, client.send(ExampleRequest.get("/subdir%2f..%2fApp.class")).status(),
                "an encoded separator");
    }

    @Test
    void aMissingFileIs404AndAPostIs405() {
        ExampleClient client = serve(new App());
        ExampleResponse missing = client.send(ExampleRequest.get("/nothing.txt"));
        assertEquals(404, missing.status());
        assertEquals("Not Found", missing.text());

        ExampleResponse post = client.send(ExampleRequest.post("/test.txt", Bytes.utf8("x")));
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.header("allow").orElseThrow());
    }
}
