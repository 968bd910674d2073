package org.pagi.jmh.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.pagi.testing.TestResponse;

/**
 * Both middleware stack benchmarks answer what they claim to measure, with and without the stack, and run once
 * under the JMH harness. Measures nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MiddlewareStackBenchmarkTest {

    @Test
    void withoutTheStackTheRouterAnswersAlone() {
        MiddlewareStackBenchmark bench = started("none");
        TestResponse get = bench.plainGet();
        assertEquals(200, get.status());
        assertEquals("hello world", get.text());
        assertTrue(get.headers().first("x-request-id").isEmpty());
        TestResponse post = bench.jsonPost();
        assertEquals(201, post.status());
        assertEquals("{\"id\":\"item-1\",\"name\":\"blue widget\",\"quantity\":3}", post.text());
        assertNull(bench.lastLogLine());
    }

    @Test
    void behindTheStackEveryMiddlewareActs() {
        MiddlewareStackBenchmark bench = started("recommended");
        assertTrue(bench.csrfToken().length() > 40, "Csrf handed the login page a token: " + bench.csrfToken());
        for (int i = 0; i < 3; i++) {
            TestResponse get = bench.plainGet();
            assertEquals(200, get.status());
            assertEquals("hello world", get.text());
            assertTrue(get.headers().first("x-request-id").isPresent(), "RequestId");
            assertEquals(MiddlewareStackBenchmark.ORIGIN, get.headers().first("access-control-allow-origin")
                    .orElseThrow(), "Cors");
            assertTrue(get.headers().first("set-cookie").isEmpty(), "the session is unchanged: nothing to save");
            assertTrue(bench.lastLogLine().startsWith("203.0.113.7 GET /hello 200 "), bench.lastLogLine());
            TestResponse post = bench.jsonPost();
            assertEquals(201, post.status());
            assertEquals("{\"id\":\"item-1\",\"name\":\"blue widget\",\"quantity\":3}", post.text());
            assertTrue(bench.lastLogLine().startsWith("203.0.113.7 POST /items 201 "), bench.lastLogLine());
        }
    }

    @Test
    void bothRunOnceUnderTheHarness() throws Exception {
        System.setProperty("jmh.ignoreLock", "true");   // another JMH run may hold the lock; this one needs none
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(MiddlewareStackBenchmark.class.getName())
                .mode(Mode.SingleShotTime).forks(0).warmupIterations(0).measurementIterations(1)
                .measurementBatchSize(1).shouldFailOnError(true).verbosity(VerboseMode.SILENT).build()).run();
        assertEquals(4, results.size(), "two benchmarks, each with and without the stack");
    }

    private static MiddlewareStackBenchmark started(String stack) {
        MiddlewareStackBenchmark bench = new MiddlewareStackBenchmark();
        bench.stack = stack;
        bench.build();
        return bench;
    }
}
