package org.pagi.jmh.wrappers;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestInfo;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;

/**
 * What the wrappers cost per request: one GET that reads a query parameter and a header and answers text (or
 * JSON) with a content type, written once against {@link Request}/{@link Response} and once as a raw
 * {@code (scope, receive, send)} application. Each request gets a new scope and {@code pagi.connection}, as on a
 * server (the same cost in every variant). Both run in-process against an {@link InMemoryExchange} (no test
 * client, no sockets), so the difference between a wrapped and a raw benchmark is the wrappers' own cost. The
 * blocking variants run the wrapped handler through {@link Blocking#app}, one virtual thread per request, as a
 * server would.
 *
 * <p>Every benchmark returns its exchange and the unit test checks that all of them answered the same, so a
 * benchmark that silently does less fails the build.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WrapperOverheadBenchmark {

    /** The JSON body of the JSON variants; public so that Jackson may read it. */
    public record Greeting(String hello, String id) {
    }

    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    private static final String APPLICATION_JSON = "application/json";

    private final RequestInfo request = HttpScopes.info("GET", "/hello?name=world&lang=en", "x-request-id", "req-42");

    private final Application rawText = (scope, receive, send) -> {
        HttpScope http = (HttpScope) scope;
        String name = rawQueryParam(http.request().queryString(), "name").orElse("nobody");
        String id = http.request().headers().first("x-request-id").orElse("-");
        Bytes body = Bytes.utf8("hello " + name);
        Headers headers = Headers.of("content-type", TEXT_PLAIN, "x-request-id", id,
                "content-length", Integer.toString(body.length()));
        return send.send(new HttpResponseStart(200, headers, false))
                .thenCompose(v -> send.send(HttpResponseBody.last(body)));
    };

    private final Application wrappedText = (scope, receive, send) -> {
        Request request = Request.of((HttpScope) scope, receive);
        String name = request.queryParam("name").orElse("nobody");
        String id = request.header("x-request-id").orElse("-");
        return Response.text("hello " + name).withHeader("x-request-id", id).respond(scope, send);
    };

    private final Application blockingText = Blocking.app((scope, receive, send) -> {
        Request request = Request.of((HttpScope) scope, receive);
        String name = request.queryParam("name").orElse("nobody");
        String id = request.header("x-request-id").orElse("-");
        Response.text("hello " + name).withHeader("x-request-id", id).blocking().respond(scope, send);
    });

    private final Application rawJson = (scope, receive, send) -> {
        HttpScope http = (HttpScope) scope;
        String name = rawQueryParam(http.request().queryString(), "name").orElse("nobody");
        String id = http.request().headers().first("x-request-id").orElse("-");
        Bytes body = Json.encode(new Greeting(name, id)); // the same encoder the wrapper uses
        Headers headers = Headers.of("content-type", APPLICATION_JSON, "content-length",
                Integer.toString(body.length()));
        return send.send(new HttpResponseStart(200, headers, false))
                .thenCompose(v -> send.send(HttpResponseBody.last(body)));
    };

    private final Application wrappedJson = (scope, receive, send) -> {
        Request request = Request.of((HttpScope) scope, receive);
        String name = request.queryParam("name").orElse("nobody");
        String id = request.header("x-request-id").orElse("-");
        return Response.json(new Greeting(name, id)).respond(scope, send);
    };

    private final Application blockingJson = Blocking.app((scope, receive, send) -> {
        Request request = Request.of((HttpScope) scope, receive);
        String name = request.queryParam("name").orElse("nobody");
        String id = request.header("x-request-id").orElse("-");
        Response.json(new Greeting(name, id)).blocking().respond(scope, send);
    });

    /** The raw application: hand-split query string, header lookup, two events. */
    @Benchmark
    public InMemoryExchange rawText() {
        return run(rawText);
    }

    /** The same through {@code Request} and {@code Response}, async mode. */
    @Benchmark
    public InMemoryExchange wrappedText() {
        return run(wrappedText);
    }

    /** The same in blocking mode: {@code Blocking.app} starts a virtual thread per request. */
    @Benchmark
    public InMemoryExchange blockingText() {
        return run(blockingText);
    }

    /** A raw application answering JSON encoded by the wrappers' Jackson encoder. */
    @Benchmark
    public InMemoryExchange rawJson() {
        return run(rawJson);
    }

    /** The JSON answer through {@code Response.json}, async mode. */
    @Benchmark
    public InMemoryExchange wrappedJson() {
        return run(wrappedJson);
    }

    /** The JSON answer in blocking mode. */
    @Benchmark
    public InMemoryExchange blockingJson() {
        return run(blockingJson);
    }

    private InMemoryExchange run(Application app) {
        // What a server makes per request, for every variant alike: the scope and its pagi.connection.
        ConnectionTracker connection = new ConnectionTracker();
        InMemoryExchange exchange = new InMemoryExchange(connection);
        HttpScope scope = HttpScopes.perRequest(request, connection);
        CompletionStage<Void> done = app.call(scope, InMemoryExchange.RECEIVE, exchange);
        CompletableFuture<Void> future = done.toCompletableFuture();
        // Wait as the test client does (yield up to 50 us, then park): parking the harness's platform thread at
        // once would measure two futex wake-ups of this machine, not the handler's virtual thread.
        long deadline = System.nanoTime() + 50_000;
        while (!future.isDone() && System.nanoTime() < deadline) {
            Thread.yield();
        }
        future.join();
        return exchange;
    }

    /** What a raw application writes to read one query parameter: split on '&', then on '=', decode. */
    private static Optional<String> rawQueryParam(Bytes queryString, String name) {
        String query = queryString.decode(StandardCharsets.US_ASCII);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
