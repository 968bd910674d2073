package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.routing.Router;

class StaticFilesTest {
    @TempDir
    static Path base;
    static Path root;

    @BeforeAll
    static void tree() throws IOException {
        root = StaticTree.create(base);
    }

    static TestClient client(StaticFiles mw) {
        return TestClient.builder(mw.wrap(SecurityHeadersTest.streamed())).followRedirects(false).build();
    }

    @Test
    void servesFilesWithTypeValidatorsAndIndex() {
        TestClient client = client(StaticFiles.builder(root).build());
        TestResponse a = client.get("/a.txt").send();
        assertEquals(200, a.status());
        assertEquals(StaticTree.DIGITS, a.text());
        assertTrue(a.header("content-type").orElseThrow().startsWith("text/plain"));
        assertTrue(a.header("etag").orElseThrow().startsWith("\""), "strong ETag");
        assertEquals("bytes", a.header("accept-ranges").orElseThrow());
        assertFalse(a.headers().contains("cache-control"), "none by default");
        assertEquals("<p>home</p>", client.get("/").send().text());
        assertEquals("<p>sub</p>", client.get("/sub/").send().text());
        assertEquals(StaticTree.DIGITS, client.get("/link-in").send().text(), "a symlink inside the root is served");
        assertEquals(StaticTree.DIGITS, client.get("/%61.txt").send().text(), "decoded once");
        TestResponse notModified = client.get("/a.txt").header("if-none-match", a.header("etag").orElseThrow()).send();
        assertEquals(304, notModified.status());
    }

    @Test
    void directoryWithoutSlashRedirectsKeepingQuery() {
        TestClient client = client(StaticFiles.builder(root).build());
        TestResponse r = client.get("/sub?v=1").send();
        assertEquals(301, r.status());
        assertEquals("/sub/?v=1", r.header("location").orElseThrow());
        assertEquals("one two", client.get("/empty/").send().text(), "a directory without index is a miss");
    }

    @Test
    void headSendsHeadersWithoutBody() {
        TestResponse r = client(StaticFiles.builder(root).build()).head("/a.txt").send();
        assertEquals(200, r.status());
        assertEquals("100", r.header("content-length").orElseThrow());
        assertEquals(0, r.body().length());
    }

    @Test
    void missesPassToTheAppStreamedOrGet404() {
        TestResponse miss = client(StaticFiles.builder(root).build()).get("/nope.txt").send();
        assertEquals(List.of("one ", "two"), miss.chunks().stream().map(Bytes::utf8).filter(s -> !s.isEmpty())
                .toList(), "the app's streamed response passes event by event");
        TestClient appMode = client(StaticFiles.builder(root).passThrough(false).build());
        assertEquals(404, appMode.get("/nope.txt").send().status());
        assertEquals("one two", appMode.post("/a.txt").send().text(), "only GET and HEAD are served");
    }

    @Test
    void optionsPrefixIndexAndCacheControl() {
        StaticFiles mw = StaticFiles.builder(root).urlPrefix("/assets/").indexFiles("page.html")
                .cacheControl("public, max-age=60").build();
        TestClient client = client(mw);
        TestResponse a = client.get("/assets/a.txt").send();
        assertEquals(StaticTree.DIGITS, a.text());
        assertEquals("public, max-age=60", a.header("cache-control").orElseThrow());
        assertEquals("one two", client.get("/a.txt").send().text(), "outside the prefix");
        assertEquals("one two", client.get("/assetsx/a.txt").send().text(), "prefix on a segment boundary");
        assertEquals("<p>page</p>", client.get("/assets/").send().text());
        assertEquals(301, client.get("/assets").send().status());
        assertEquals("/assets/", client.get("/assets").send().header("location").orElseThrow());
    }

    @Test
    void servesTheSamePathsWhenMountedUnderARouter() {
        Application app = Router.builder().mount("/static", StaticFiles.builder(root).passThrough(false).build()
                .wrap(SecurityHeadersTest.streamed())).build();
        TestClient client = TestClient.builder(app).followRedirects(false).build();
        assertEquals(StaticTree.DIGITS, client.get("/static/a.txt").send().text());
        assertEquals("/static/sub/", client.get("/static/sub").send().header("location").orElseThrow());
        for (TraversalCorpus.Case c : TraversalCorpus.CASES) {
            TestResponse r = client.get("/static" + c.rawPath()).send();
            assertFalse(r.text().contains(StaticTree.SECRET), c.tries() + " leaked");
            assertTrue(r.status() == 400 || r.status() == 404, c.tries() + ": " + r.status());
        }
    }

    @Test
    void traversalCorpusNeverLeaks() {
        assertTraversalCorpus(StaticFiles.builder(root).passThrough(false).build());
    }

    /** Every {@link TraversalCorpus} case gets its status and no secret from {@code mw} (pass-through off). */
    static void assertTraversalCorpus(StaticFiles mw) {
        TestClient client = client(mw);
        for (TraversalCorpus.Case c : TraversalCorpus.CASES) {
            TestResponse r = client.get(c.rawPath()).send();
            assertEquals(c.status(), r.status(), c.tries() + ": " + c.rawPath());
            assertFalse(r.text().contains(StaticTree.SECRET), c.tries() + " leaked");
        }
    }

    @Test
    void rangeCorpus() {
        assertRangeCorpus(StaticFiles.builder(root).build());
    }

    /** Every {@link RangeCorpus} case gets its status, {@code Content-Range} and body from {@code mw}. */
    static void assertRangeCorpus(StaticFiles mw) {
        TestClient client = client(mw);
        TestResponse plain = client.get("/a.txt").send();
        String etag = plain.header("etag").orElseThrow();
        for (RangeCorpus.Case c : RangeCorpus.CASES) {
            var req = client.get("/a.txt").header("range", c.range());
            switch (c.ifRange()) {
                case NONE -> { }
                case STRONG_ETAG -> req.header("if-range", etag);
                case WEAK_ETAG -> req.header("if-range", "W/" + etag);
                case OTHER_ETAG -> req.header("if-range", "\"other\"");
                case LAST_MODIFIED -> req.header("if-range", plain.header("last-modified").orElseThrow());
            }
            TestResponse r = req.send();
            String what = c.range() + " / " + c.ifRange();
            assertEquals(c.status(), r.status(), what);
            assertEquals(c.contentRange(), r.header("content-range"), what);
            if (c.status() == 200) {
                assertEquals(StaticTree.DIGITS, r.text(), what);
            }
        }
        assertEquals("0123456789", client.get("/a.txt").header("range", "bytes=0-9").send().text());
    }

    /**
     * {@code /link-dir-sibling/leak.txt} passes every rule before the lookup (plain names, nothing hidden) and its
     * real path, {@code base/pubx/leak.txt}, starts with the root's path as a string: only the segment containment
     * check stops it, so this fails if that check is weakened to a string prefix.
     */
    @Test
    void containmentAloneStopsASymlinkIntoASamePrefixSibling() throws IOException {
        String raw = "/link-dir-sibling/leak.txt";
        List<String> names = StaticFiles.segments(raw).orElseThrow();
        assertEquals(List.of("link-dir-sibling", "leak.txt"), names, "no earlier guard refuses the path");
        Path real = root.resolve("link-dir-sibling/leak.txt").toRealPath();
        assertEquals(StaticTree.SECRET, Files.readString(real));
        assertTrue(real.toString().startsWith(root.toRealPath().toString()), "a string prefix would let it in");
        assertFalse(real.startsWith(root.toRealPath()), "segments keep it out");
        try (URLClassLoader classpath = StaticJar.loader(base)) {
            for (StaticFiles mw : List.of(StaticFiles.builder(root).passThrough(false).build(),
                    StaticFiles.classpathBuilder("pub", classpath).passThrough(false).build())) {
                TestResponse r = client(mw).get(raw).send();
                assertEquals(404, r.status(), mw.config().root().toString());
                assertFalse(r.text().contains(StaticTree.SECRET));
            }
        }
    }

    @Test
    void refusesBadConfigurationNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StaticFiles.builder(base.resolve("none"))
                .build()).getMessage().startsWith("root:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StaticFiles.builder(root.resolve("a.txt"))
                .build()).getMessage().startsWith("root:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StaticFiles.builder(root).urlPrefix("x")
                .build()).getMessage().startsWith("urlPrefix:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StaticFiles.builder(root)
                .indexFiles("../x").build()).getMessage().startsWith("indexFiles:"));
    }

    @Test
    void otherScopeTypesPassUntouched() {
        PassThrough.untouched(StaticFiles.builder(root).build(), PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE,
                PassThrough.Kind.LIFESPAN, PassThrough.Kind.HTTP);
    }
}
