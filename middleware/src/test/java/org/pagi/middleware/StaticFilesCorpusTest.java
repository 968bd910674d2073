package org.pagi.middleware;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.files.RangeCorpus;
import org.pagi.wrappers.files.StaticRoots;
import org.pagi.wrappers.files.TraversalCorpus;
import org.pagi.wrappers.routing.Router;

/**
 * The shared traversal and Range corpora (the wrappers' test jar, {@code org.pagi.wrappers.files}) against the
 * StaticFiles middleware itself, on a directory, a jar and a classpath directory holding the same tree, at the
 * root and under a router mount: the middleware, not only the lookup it runs on, never leaks and answers ranges.
 */
@Timeout(60)
class StaticFilesCorpusTest {
    static StaticRoots roots;

    @BeforeAll
    static void roots(@TempDir Path base, @TempDir Path jars) throws IOException {
        roots = StaticRoots.create(base, jars, root -> { });
    }

    @AfterAll
    static void close() throws IOException {
        roots.close();
    }

    private static Map<String, StaticFiles> middleware() {
        return Map.of("directory", StaticFiles.builder(roots.root()).passThrough(false).build(),
                "jar", StaticFiles.classpathBuilder("pub", roots.jarLoader()).passThrough(false).build(),
                "classpath directory", StaticFiles.classpathBuilder("pub", roots.dirLoader()).passThrough(false)
                        .build());
    }

    @Test
    void traversalAndRangeCorporaOnEveryRoot() {
        middleware().forEach((kind, mw) -> {
            TestClient client = TestClient.builder(mw.wrap(SecurityHeadersTest.streamed())).followRedirects(false)
                    .build();
            TraversalCorpus.check(client, "");
            RangeCorpus.check(client);
        });
    }

    @Test
    void theCorporaHoldUnderARouterMount() {
        middleware().forEach((kind, mw) -> {
            TestClient client = TestClient.builder(Router.builder().mount("/static",
                    mw.wrap(SecurityHeadersTest.streamed())).build()).followRedirects(false).build();
            TraversalCorpus.check(client, "/static");
        });
    }
}
