package org.pagi.jmh.routing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Send;
import org.pagi.jmh.wrappers.HttpScopes;
import org.pagi.wrappers.routing.Router;

/**
 * How long {@link Router} takes to dispatch one request, with 10 and with 1,000 routes: the segment trie should
 * make both about equal. Each benchmark calls the router with a prebuilt scope; the handler records the route it
 * was given and the method returns it, and the unit test checks that it is the one expected, so a benchmark that
 * silently dispatches somewhere else fails the build.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouterBenchmark {

    /** How many routes the router holds: every one of them has the same shapes under its own first segment. */
    @Param({"10", "1000"})
    public int routes;

    private Router router;
    private HttpScope staticPath;
    private HttpScope paramPath;
    private HttpScope missPath;
    private String lastRoute;
    private final Send discard = event -> CompletableFuture.completedFuture(null);

    /** Builds the router (the routes a service's resources would give) and the three requests. */
    @Setup
    public void setUp() {
        Application handler = (scope, receive, send) -> {
            lastRoute = ((RequestScope) scope).attribute(Router.ROUTE).map(Object::toString).orElse("-");
            return CompletableFuture.completedFuture(null);
        };
        var builder = Router.builder();
        for (int i = 0; i < routes; i++) {
            int kind = i % 5;
            String base = "/r" + i;
            switch (kind) {
                case 0 -> builder.get(base + "/items", handler);
                case 1 -> builder.get(base + "/items/{id:int}", handler);
                case 2 -> builder.post(base + "/users/{name}/posts", handler);
                case 3 -> builder.get(base + "/files/{*rest}", handler);
                default -> builder.get(base + "/{slug:[a-z-]+}", handler);
            }
        }
        router = builder.build();
        int last = routes - 1 - ((routes - 1) % 5);   // a route of kind 0 near the end
        staticPath = scope("GET", "/r" + last + "/items");
        paramPath = scope("GET", "/r" + (last - 4) + "/items/12345");
        missPath = scope("GET", "/r" + last + "/nothing/here");
    }

    private static HttpScope scope(String method, String target) {
        return HttpScopes.of(method, target);
    }

    private String dispatch(HttpScope scope) {
        lastRoute = null;
        CompletionStage<Void> done = router.call(scope, () -> new CompletableFuture<>(), discard);
        done.toCompletableFuture().join();
        return lastRoute;
    }

    /** A literal route near the end of the registration order. */
    @Benchmark
    public String matchStatic() {
        return dispatch(staticPath);
    }

    /** A route with an {@code int} parameter. */
    @Benchmark
    public String matchParam() {
        return dispatch(paramPath);
    }

    /** A path no route takes: the router answers 404 itself (so the handler records nothing). */
    @Benchmark
    public String matchMiss() {
        return dispatch(missPath);
    }
}
