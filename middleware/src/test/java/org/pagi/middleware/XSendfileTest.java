package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.response.FileResponse;

class XSendfileTest {
    @TempDir
    static Path base;
    static Path root;

    @BeforeAll
    static void tree() throws IOException {
        root = StaticTree.create(base);
        Files.writeString(root.resolve("sub").resolve("a b?.txt"), "spaced");
    }

    /** Answers every request with the file named by the path under {@code base}, through {@link FileResponse}. */
    private static Application files() {
        return (scope, receive, send) -> FileResponse.of(base.resolve(
                ((org.pagi.spec.HttpScope) scope).path().substring(1))).respond(scope, send);
    }

    private static TestClient client(XSendfile mw, Application app) {
        return TestClient.builder(mw.wrap(app)).build();
    }

    private static XSendfile defaults() {
        return XSendfile.builder().map(root, "/protected/").build();
    }

    @Test
    void fileBodiesUnderAPrefixBecomeAccelRedirects() {
        TestClient client = client(defaults(), files());
        TestResponse r = client.get("/pub/a.txt").send();
        assertEquals(200, r.status());
        assertEquals("/protected/a.txt", r.header("x-accel-redirect").orElseThrow());
        assertEquals("0", r.header("content-length").orElseThrow());
        assertEquals(0, r.body().length());
        assertTrue(r.header("content-type").orElseThrow().startsWith("text/plain"), "the app's type is kept");
        assertEquals("/protected/sub/a%20b%3F.txt", client.get("/pub/sub/a b%3F.txt").send()
                .header("x-accel-redirect").orElseThrow(), "segments percent-encoded for nginx");
    }

    @Test
    void otherFilesRangesHeadAndStreamsPassUnchanged() {
        TestClient client = client(defaults(), files());
        TestResponse sibling = client.get("/pubx/leak.txt").send();
        assertEquals(StaticTree.SECRET, sibling.text(), "a same-prefix sibling is not under the prefix");
        assertFalse(sibling.headers().contains("x-accel-redirect"));
        assertEquals(StaticTree.SECRET, client.get("/outside.txt").send().text());
        TestResponse range = client.get("/pub/a.txt").header("range", "bytes=0-9").send();
        assertEquals(206, range.status());
        assertEquals("0123456789", range.text());
        TestResponse head = client.head("/pub/a.txt").send();
        assertEquals("100", head.header("content-length").orElseThrow(), "HEAD has no file body to hand over");
        assertEquals(404, client.get("/pub/missing").send().status());
        TestResponse streamed = client(defaults(), SecurityHeadersTest.streamed()).get("/").send();
        assertEquals(List.of("one ", "two"), streamed.chunks().stream().map(Bytes::utf8).filter(s -> !s.isEmpty())
                .toList());
    }

    @Test
    void longestPrefixWins() {
        XSendfile mw = XSendfile.builder().map(root, "/all").map(root.resolve("sub"), "/subs").build();
        TestClient client = client(mw, files());
        assertEquals("/subs/b.css", client.get("/pub/sub/b.css").send().header("x-accel-redirect").orElseThrow());
        assertEquals("/all/a.txt", client.get("/pub/a.txt").send().header("x-accel-redirect").orElseThrow());
    }

    @Test
    void aConfiguredHeaderNamesTheFileAndIsNeverLeaked() {
        XSendfile mw = XSendfile.builder().map(root, "/protected").fileHeader("X-Sendfile").build();
        Application app = (scope, receive, send) -> {
            String named = ((org.pagi.spec.HttpScope) scope).path().substring(1);
            return send.send(new HttpResponseStart(200, Headers.of("x-sendfile", base.resolve(named).toString(),
                            "content-type", "text/plain", "content-length", "7")))
                    .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("ignor"))))
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("ed"))));
        };
        TestClient client = client(mw, app);
        TestResponse r = client.get("/pub/a.txt").send();
        assertEquals("/protected/a.txt", r.header("x-accel-redirect").orElseThrow());
        assertFalse(r.headers().contains("x-sendfile"));
        assertEquals(0, r.body().length(), "the app's body is dropped");
        TestResponse out = client.get("/outside.txt").send();
        assertFalse(out.headers().contains("x-sendfile"), "an unmapped path is removed, not leaked");
        assertFalse(out.headers().contains("x-accel-redirect"));
        assertEquals("ignored", out.text());
        TestResponse dotted = client.get("/pub/../outside.txt").send();
        assertFalse(dotted.headers().contains("x-accel-redirect"), "paths are normalized before matching");
    }

    @Test
    void refusesBadConfigurationNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> XSendfile.builder().build())
                .getMessage().startsWith("map:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> XSendfile.builder()
                .map(Path.of("rel"), "/x").build()).getMessage().startsWith("map:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> XSendfile.builder()
                .map(root, "x").build()).getMessage().startsWith("map:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> XSendfile.builder()
                .map(root, "/x/../y").build()).getMessage().startsWith("map:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> XSendfile.builder()
                .map(root, "/x").map(root, "/y").build()).getMessage().startsWith("map:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> XSendfile.builder()
                .map(root, "/x").fileHeader("bad header").build()).getMessage().startsWith("fileHeader:"));
    }

    @Test
    void otherScopeTypesPassUntouched() {
        PassThrough.untouched(defaults(), PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE, PassThrough.Kind.LIFESPAN,
                PassThrough.Kind.HTTP);
    }
}
