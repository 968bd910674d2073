package org.pagi.jmh.middleware;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pagi.middleware.AccessLog;
import org.pagi.middleware.Compression;
import org.pagi.middleware.Cors;
import org.pagi.middleware.Csrf;
import org.pagi.middleware.ErrorHandler;
import org.pagi.middleware.Metrics;
import org.pagi.middleware.MiddlewareStack;
import org.pagi.middleware.ProxyHeaders;
import org.pagi.middleware.RequestId;
import org.pagi.middleware.Session;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Router;

/**
 * What the recommended middleware stack ({@code middleware/README.md}, "Recommended order") costs per request: the
 * same router, called {@code stack=none} alone and {@code stack=recommended} behind ProxyHeaders, RequestId,
 * AccessLog, Metrics (with its route tag), CORS, Session, Compression and ErrorHandler, configured as the
 * middleware tests' {@code RecommendedStack}. Driven in-process by the {@link TestClient} on the benchmark's own
 * thread ({@code runInline}), so {@code recommended − none} is the stack's own time and allocation.
 *
 * <p>Every request is what a browser sends through one reverse proxy: {@code X-Forwarded-For}, {@code Origin}
 * (allowed), {@code Accept-Encoding: gzip} and, behind the stack, the session cookie of a logged-in user (the client
 * keeps it from {@code /login}, called once at setup). The answers are small, under Compression's minimum size, as
 * most API answers are. Each benchmark returns the response, and the unit test checks it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MiddlewareStackBenchmark {
    /** The origin CORS allows, with credentials. */
    static final String ORIGIN = "https://app.example";

    /** A posted item, read from the JSON body. */
    public record Item(String name, int quantity) {
    }

    /** The answer to a post: the item as stored. */
    public record Stored(String id, String name, int quantity) {
    }

    /** {@code none}: the router alone; {@code recommended}: the router behind the recommended stack. */
    @Param({"none", "recommended"})
    public String stack;

    private TestClient client;
    /** The CSRF token the login page handed out (empty without the stack): unsafe requests send it back. */
    private String csrfToken;
    /** The last access log line, kept so that formatting it cannot be optimised away. */
    private String lastLogLine;

    /** Builds the application for {@link #stack} and, behind the stack, logs in once for a session cookie. */
    @Setup(Level.Trial)
    public void build() {
        Application app = switch (stack) {
            case "none" -> router(List.of());
            case "recommended" -> recommended();
            default -> throw new IllegalArgumentException("stack must be none or recommended, got " + stack);
        };
        client = TestClient.builder(app).runInline(true).build();
        csrfToken = client.get("/login").send().text();
    }

    private Application recommended() {
        Metrics metrics = Metrics.builder().build();
        return MiddlewareStack.builder()
                .enable(ProxyHeaders.builder().trustedProxy("127.0.0.1").build())
                .enable(RequestId.builder().build())
                .enable(AccessLog.builder().format("compact").sink(line -> lastLogLine = line).build())
                .enable(metrics)
                .enable(Cors.builder().origins(ORIGIN).credentials(true).build())
                .enable(Session.builder().build())
                .enable(Csrf.builder().secret("middleware-stack-benchmark-csrf-secret").trustedOrigin(ORIGIN).build())
                .enable(Compression.builder().build())
                .enable(ErrorHandler.builder().build())
                .build(router(List.of(metrics.routeTag())));
    }

    private static Application router(List<Middleware> routeMiddleware) {
        return Router.builder().group("/", routeMiddleware, r -> r
                .get("/login", (scope, receive, send) -> {
                    Session.of(scope).ifPresent(session -> session.set("user", "ann"));
                    return Response.text(Csrf.token(scope).orElse("")).respond(scope, send);
                })
                .get("/hello", (scope, receive, send) -> Response.text("hello world").respond(scope, send))
                .post("/items", (scope, receive, send) -> Request.of((HttpScope) scope, receive).json(Item.class)
                        .thenCompose(item -> Response.json(new Stored("item-1", item.name(), item.quantity()))
                                .withStatus(201).respond(scope, send)))).build();
    }

    /** {@code GET /hello}, answered {@code hello world} as text. */
    @Benchmark
    public TestResponse plainGet() {
        return client.get("/hello").header("X-Forwarded-For", "203.0.113.7").header("Origin", ORIGIN)
                .header("Accept-Encoding", "gzip").send();
    }

    /** {@code POST /items} with a 40-byte JSON body, parsed into a record and answered 201 with JSON. */
    @Benchmark
    public TestResponse jsonPost() {
        return client.post("/items").json(new Item("blue widget", 3)).header("X-Forwarded-For", "203.0.113.7")
                .header("Origin", ORIGIN).header("Accept-Encoding", "gzip").header("X-CSRF-Token", csrfToken).send();
    }

    /** @return the CSRF token {@code jsonPost} sends, empty without the stack */
    String csrfToken() {
        return csrfToken;
    }

    /** @return the last line the access log wrote, {@code null} without the stack */
    String lastLogLine() {
        return lastLogLine;
    }
}
