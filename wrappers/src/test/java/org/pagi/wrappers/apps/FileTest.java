package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.wrappers.files.StaticTree;

/** The File app's answers and options: upstream's defaults, types, ranges off, methods, other scopes. */
class FileTest {
    @TempDir
    static Path base;
    static Path root;

    @BeforeAll
    static void tree() throws IOException {
        root = StaticTree.create(base);
        Files.writeString(root.resolve("sub/old.htm"), "<p>old</p>");
        Files.createDirectories(root.resolve("legacy"));
        Files.writeString(root.resolve("legacy/index.htm"), "<p>legacy</p>");
        Files.writeString(root.resolve("photo.AVIF"), "avif");
        Files.writeString(root.resolve("data.unknownext"), "data");
    }

    private static TestClient client(File app) {
        return FileRootsTest.client(app);
    }

    @Test
    void servesFilesWithTypeValidatorsAndUpstreamIndexNames() {
        TestClient client = client(File.builder(root).build());
        TestResponse a = client.get("/a.txt").send();
        assertEquals(200, a.status());
        assertEquals(StaticTree.DIGITS, a.text());
        assertEquals(Optional.of("text/plain; charset=utf-8"), a.header("content-type"));
        assertTrue(a.header("etag").orElseThrow().startsWith("\""), "strong ETag");
        assertEquals(Optional.of("bytes"), a.header("accept-ranges"));
        assertFalse(a.headers().contains("cache-control"), "none by default");
        assertEquals(304, client.get("/a.txt").header("if-none-match", a.header("etag").orElseThrow()).send()
                .status());
        assertEquals(304, client.get("/a.txt").header("if-modified-since", a.header("last-modified").orElseThrow())
                .send().status());
        assertEquals("<p>home</p>", client.get("/").send().text());
        assertEquals("<p>legacy</p>", client.get("/legacy/").send().text(), "index.htm is the second index name");
        assertEquals(Optional.of("application/octet-stream"), client.get("/data.unknownext").send()
                .header("content-type"));
        TestResponse head = client.head("/a.txt").send();
        assertEquals(Optional.of("100"), head.header("content-length"));
        assertEquals(0, head.body().length());
    }

    @Test
    void directoriesRedirectToTheirSlashFormAndUnindexedOnesAreMissing() {
        TestClient client = client(File.builder(root).build());
        TestResponse r = client.get("/sub?v=1").send();
        assertEquals(301, r.status());
        assertEquals(Optional.of("/sub/?v=1"), r.header("location"));
        assertEquals(404, client.get("/empty/").send().status());
        assertEquals(404, client.get("/nope.txt").send().status());
        TestClient mounted = FileRootsTest.client(URLMap.builder().mount("/files", File.builder(root).build())
                .build());
        assertEquals(Optional.of("/files/sub/"), mounted.get("/files/sub").send().header("location"));
        assertEquals(Optional.of("/files/"), mounted.get("/files").send().header("location"),
                "the mount point itself: the app sees \"/\", the raw path has no slash");
        assertEquals(StaticTree.DIGITS, mounted.get("/files/a.txt").send().text());
    }

    @Test
    void optionsTypesRangesOffCacheControlAndIndexNames() {
        TestClient client = client(File.builder(root).contentType("AVIF", "image/avif").defaultType("text/x-data")
                .ranges(false).cacheControl("public, max-age=60").indexFiles("page.html").build());
        assertEquals(Optional.of("image/avif"), client.get("/photo.AVIF").send().header("content-type"));
        assertEquals(Optional.of("text/x-data"), client.get("/data.unknownext").send().header("content-type"));
        TestResponse whole = client.get("/a.txt").header("range", "bytes=0-9").send();
        assertEquals(200, whole.status(), "ranges off: the whole file");
        assertEquals(StaticTree.DIGITS, whole.text());
        assertEquals(Optional.of("public, max-age=60"), whole.header("cache-control"));
        assertEquals("<p>page</p>", client.get("/").send().text());
        assertEquals(404, client.get("/sub/").send().status(), "index.html is no longer an index name");
        assertEquals(206, client(File.builder(root).build()).get("/a.txt").header("range", "bytes=0-9").send()
                .status(), "ranges on by default");
    }

    @Test
    void otherMethodsGet405AndStreamsAreRefused() {
        TestClient client = client(File.builder(root).build());
        TestResponse post = client.post("/a.txt").send();
        assertEquals(405, post.status());
        assertEquals(Optional.of("GET, HEAD"), post.header("allow"));
        assertEquals(404, assertInstanceOf(WebSocketHandshake.Denied.class, client.websocket("/a.txt")
                .tryConnect()).status());
        try (SseStream events = client.sse("/a.txt").open()) {
            assertTrue(events.declined());
            assertEquals(404, events.status());
        }
        LifespanSession lifespan = client.lifespan();
        lifespan.startup();
        assertFalse(lifespan.supported());
    }

    @Test
    void refusesBadOptionsByName() {
        URLMapTest.assertMessage("root: ", () -> File.builder(base.resolve("none")).build());
        URLMapTest.assertMessage("root: ", () -> File.builder(root.resolve("a.txt")).build());
        URLMapTest.assertMessage("classpathRoot: ", () -> File.classpathBuilder("../x", getClass().getClassLoader())
                .build());
        URLMapTest.assertMessage("indexFiles: '../x'", () -> File.builder(root).indexFiles("../x").build());
        URLMapTest.assertMessage("contentType: extension '.png'", () -> File.builder(root).contentType(".png", "x/y"));
        URLMapTest.assertMessage("contentType: control character", () -> File.builder(root)
                .contentType("png", "image/png\r\nx: y"));
        URLMapTest.assertMessage("defaultType: must not be blank", () -> File.builder(root).defaultType(""));
        URLMapTest.assertMessage("cacheControl: control character", () -> File.builder(root)
                .cacheControl("max-age=1\nx: y"));
    }
}
