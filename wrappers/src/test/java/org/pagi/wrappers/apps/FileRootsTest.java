package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.testing.HttpRequestBuilder;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.files.RangeCorpus;
import org.pagi.wrappers.files.StaticRoots;
import org.pagi.wrappers.files.StaticTree;
import org.pagi.wrappers.files.TraversalCorpus;

/**
 * The File app over its three kinds of root holding the same tree, a directory, a jar and a classpath directory:
 * the traversal and range corpora give their answers on each, also mounted under a URLMap, and every request is
 * answered by the jar and classpath roots exactly as by the directory root (status, headers but {@code Date},
 * body). The StaticFiles middleware runs this same lookup ({@code StaticSite}).
 */
@Timeout(60)
class FileRootsTest {
    /** Over three 64 KiB pieces. */
    private static final byte[] BIG = new byte[200_000];

    static StaticRoots roots;
    static Path root;
    static URLClassLoader jarLoader;
    static URLClassLoader dirLoader;

    @BeforeAll
    static void roots(@TempDir Path base, @TempDir Path jars) throws IOException {
        for (int i = 0; i < BIG.length; i++) {
            BIG[i] = (byte) (i * 7 + i / 1000);
        }
        roots = StaticRoots.create(base, jars, r -> {
            Files.write(r.resolve("big.bin"), BIG);
            Files.setLastModifiedTime(r.resolve("big.bin"), FileTime.from(Instant.parse("2024-05-06T07:08:09Z")));
        });
        root = roots.root();
        jarLoader = roots.jarLoader();
        dirLoader = roots.dirLoader();
    }

    @AfterAll
    static void close() throws IOException {
        roots.close();
    }

    static TestClient client(Application app) {
        return TestClient.builder(app).followRedirects(false).build();
    }

    /** The three roots over the same tree, built with the same options by {@code options}. */
    private static Map<String, File> roots(UnaryOperator<File.Builder> options) {
        return Map.of("directory", options.apply(File.builder(root)).build(),
                "jar", options.apply(File.classpathBuilder("pub", jarLoader)).build(),
                "classpath directory", options.apply(File.classpathBuilder("/pub/", dirLoader)).build());
    }

    @Test
    void traversalAndRangeCorporaOnEveryRoot() {
        roots(b -> b).forEach((kind, app) -> {
            TraversalCorpus.check(client(app), "");
            RangeCorpus.check(client(app));
            TraversalCorpus.check(client(URLMap.builder().mount("/static", app).build()), "/static");
        });
    }

    @Test
    void jarAndClasspathRootsAnswerAsTheDirectoryRoot() {
        compare(b -> b, "/a.txt", "/", "/sub", "/sub?v=1", "/sub/", "/sub/b.css", "/page.html", "/empty", "/empty/",
                "/nope.txt", "/nope/", "/a.txt/", "/%61.txt", "/.secret", "/sub/.hidden", "/.git/config",
                "/big.bin", "/sub/index.html/x");
        compare(b -> b.indexFiles("page.html", "index.html").cacheControl("max-age=60").defaultType("text/x-any"),
                "/", "/sub/", "/a.txt", "/nope", "/empty/", "/big.bin");
        TestResponse plain = client(File.builder(root).build()).get("/big.bin").send();
        String etag = plain.header("etag").orElseThrow();
        String date = plain.header("last-modified").orElseThrow();
        for (String[] headers : List.of(new String[] {"range", "bytes=70000-140000"},
                new String[] {"range", "bytes=-10"}, new String[] {"range", "bytes=300000-"},
                new String[] {"if-none-match", etag}, new String[] {"if-modified-since", date},
                new String[] {"range", "bytes=5-9", "if-range", etag},
                new String[] {"range", "bytes=5-9", "if-range", "\"other\""})) {
            compare(b -> b, List.of("GET", "HEAD"), List.of("/big.bin"), headers);
        }
    }

    private static void compare(UnaryOperator<File.Builder> options, String... paths) {
        compare(options, List.of("GET", "HEAD"), List.of(paths));
    }

    private static void compare(UnaryOperator<File.Builder> options, List<String> methods, List<String> paths,
            String... headers) {
        Map<String, File> roots = roots(options);
        for (String method : methods) {
            for (String path : paths) {
                TestResponse expected = send(roots.get("directory"), method, path, headers);
                for (String kind : List.of("jar", "classpath directory")) {
                    TestResponse actual = send(roots.get(kind), method, path, headers);
                    String what = kind + ": " + method + " " + path + " " + String.join(" ", headers);
                    assertEquals(expected.status(), actual.status(), what);
                    assertEquals(expected.headers().without("date"), actual.headers().without("date"), what);
                    assertEquals(expected.body(), actual.body(), what);
                    assertFalse(actual.body().decode(StandardCharsets.ISO_8859_1)
                            .contains(StaticTree.SECRET), what);
                }
            }
        }
    }

    private static TestResponse send(File app, String method, String path, String... headers) {
        HttpRequestBuilder request = client(app).request(method, path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send();
    }

    @Test
    void aJarEntryGoesOutIn64KiBPieces() {
        TestResponse r = client(File.classpathBuilder("pub", jarLoader).build()).get("/big.bin").send();
        assertEquals(200, r.status());
        List<Integer> sizes = r.chunks().stream().map(Bytes::length).filter(n -> n > 0).toList();
        assertEquals(List.of(65536, 65536, 65536, BIG.length - 3 * 65536), sizes);
        assertEquals(Bytes.of(BIG), r.body());
    }
}
