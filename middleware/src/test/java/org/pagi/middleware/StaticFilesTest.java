package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.routing.Router;

/**
 * The middleware's own part, over the wrappers' one static-file lookup ({@code StaticSite}): the prefix, pass-through,
 * options and scope types, and a smoke check of the path rules on a directory and a classpath root. The full
 * traversal and range corpora run against the middleware in {@code StaticFilesCorpusTest} (from the wrappers' test
 * jar) and against the File app in the wrappers' {@code FileRootsTest}.
 */
class StaticFilesTest {
    static final String SECRET = StaticTree.SECRET;
    static final String DIGITS = StaticTree.DIGITS;

    @TempDir
    static Path base;
    static Path root;

    @BeforeAll
    static void tree() throws IOException {
        root = StaticTree.create(base);
    }

    /** A few paths of each kind the wrappers' traversal corpus holds, with the status a 404-on-miss answer gives. */
    static final Map<String, Integer> TRAVERSAL_SMOKE = Map.of("/../outside.txt", 400,
            "/%2e%2e/outside.txt", 400, "/sub%2F..%2F..%2Foutside.txt", 400, "/C:/outside.txt", 400,
            "/a.txt%00.html", 400, "/.secret", 404, "/%2esecret", 404, "/link-out", 404,
            "/link-dir-sibling/leak.txt", 404);

    static TestClient client(StaticFiles mw) {
        return TestClient.builder(mw.wrap(SecurityHeadersTest.streamed())).followRedirects(false).build();
    }

    @Test
    void servesFilesWithTypeValidatorsAndIndex() {
        TestClient client = client(StaticFiles.builder(root).build());
        TestResponse a = client.get("/a.txt").send();
        assertEquals(200, a.status());
        assertEquals(DIGITS, a.text());
        assertTrue(a.header("content-type").orElseThrow().startsWith("text/plain"));
        assertTrue(a.header("etag").orElseThrow().startsWith("\""), "strong ETag");
        assertEquals("bytes", a.header("accept-ranges").orElseThrow());
        assertFalse(a.headers().contains("cache-control"), "none by default");
        assertEquals("<p>home</p>", client.get("/").send().text());
        assertEquals("<p>sub</p>", client.get("/sub/").send().text());
        assertEquals(DIGITS, client.get("/link-in").send().text(), "a symlink inside the root is served");
        assertEquals(DIGITS, client.get("/%61.txt").send().text(), "decoded once");
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
        assertEquals(DIGITS, a.text());
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
        assertEquals(DIGITS, client.get("/static/a.txt").send().text());
        assertEquals("/static/sub/", client.get("/static/sub").send().header("location").orElseThrow());
        TRAVERSAL_SMOKE.forEach((path, status) -> {
            TestResponse r = client.get("/static" + path).send();
            assertEquals(status, r.status(), path);
            assertFalse(r.text().contains(SECRET), path + " leaked");
        });
    }

    @Test
    void pathRulesAndRangesOnADirectoryAndAClasspathRoot() throws IOException {
        try (URLClassLoader classpath = new URLClassLoader(new URL[] {base.toUri().toURL()}, null)) {
            for (StaticFiles mw : List.of(StaticFiles.builder(root).passThrough(false).build(),
                    StaticFiles.classpathBuilder("pub", classpath).passThrough(false).build())) {
                TestClient client = client(mw);
                TRAVERSAL_SMOKE.forEach((path, status) -> {
                    TestResponse r = client.get(path).send();
                    assertEquals(status, r.status(), mw.config().root() + " " + path);
                    assertFalse(r.text().contains(SECRET), path + " leaked");
                });
                TestResponse range = client.get("/a.txt").header("range", "bytes=10-19").send();
                assertEquals(206, range.status());
                assertEquals("0123456789", range.text());
                assertEquals("bytes 10-19/100", range.header("content-range").orElseThrow());
                assertEquals("<p>sub</p>", client.get("/sub/").send().text());
            }
            assertTrue(assertThrows(IllegalArgumentException.class, () -> StaticFiles.classpathBuilder("../pub",
                    classpath).build()).getMessage().startsWith("classpathRoot:"));
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
