package org.pagi.jmh.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each router benchmark dispatches to the route it claims to measure. */
class RouterBenchmarkTest {

    @ParameterizedTest
    @ValueSource(ints = {10, 1000})
    void benchmarksReachTheirRoutes(int routes) {
        RouterBenchmark bench = new RouterBenchmark();
        bench.routes = routes;
        bench.setUp();
        int last = routes - 1 - ((routes - 1) % 5);
        assertEquals("/r" + last + "/items", bench.matchStatic());
        assertEquals("/r" + (last - 4) + "/items/{id:int}", bench.matchParam());
        assertNull(bench.matchMiss());
    }
}
