package org.pagi.examples.miniframework;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/**
 * A web framework on the spec alone (upstream's {@code Nano}): routes with {@code :name} parameters, handlers
 * that return a {@code String} or a {@code CompletionStage<String>}, text responses. A handler's
 * {@link IllegalArgumentException} is a 400 with its message; no route is a 404. Thread-safe once built.
 */
public final class Nano {
    /** What a handler gets: the scope and the path parameters. */
    public record Req(HttpScope scope, Map<String, String> params) {
        public String param(String name) {
            return params.get(name);
        }
    }

    private record Route(String method, Pattern regex, List<String> params, Function<Req, ?> handler) { }

    private static final Pattern PARAM = Pattern.compile(":(\\w+)");
    private final List<Route> routes = new ArrayList<>();

    public Nano get(String path, Function<Req, ?> handler) {
        return route("GET", path, handler);
    }

    /** Registers a route; {@code /users/:id} captures {@code id} from one path segment. */
    public Nano route(String method, String path, Function<Req, ?> handler) {
        List<String> params = new ArrayList<>();
        Matcher m = PARAM.matcher(path);
        StringBuilder regex = new StringBuilder();
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(at, m.start()))).append("([^/]+)");
            params.add(m.group(1));
            at = m.end();
        }
        regex.append(Pattern.quote(path.substring(at)));
        routes.add(new Route(method, Pattern.compile(regex.toString()), List.copyOf(params), handler));
        return this;
    }

    /** @return the route table as one application; the first route that matches the method and path answers */
    public Application toApp() {
        List<Route> table = List.copyOf(routes);
        return (Scope scope, Receive receive, Send send) -> {
            if (!(scope instanceof HttpScope http)) {
                return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
            }
            for (Route route : table) {
                Matcher m = route.regex().matcher(http.path());
                if (route.method().equals(http.method()) && m.matches()) {
                    Map<String, String> params = new HashMap<>();
                    for (int i = 0; i < route.params().size(); i++) {
                        params.put(route.params().get(i), m.group(i + 1));
                    }
                    return CompletableFuture.completedFuture(null)
                            .thenCompose(v -> text(route.handler().apply(new Req(http, Map.copyOf(params)))))
                            .thenCompose(body -> reply(send, 200, body))
                            .exceptionallyCompose(e -> (e instanceof CompletionException ? e.getCause() : e)
                                    instanceof IllegalArgumentException bad ? reply(send, 400, bad.getMessage() + "\n")
                                    : CompletableFuture.failedFuture(e));
                }
            }
            return reply(send, 404, "Not Found\n");
        };
    }

    private static CompletionStage<String> text(Object reply) {
        return reply instanceof CompletionStage<?> later ? later.thenApply(String::valueOf)
                : CompletableFuture.completedFuture(String.valueOf(reply));
    }

    private static CompletionStage<Void> reply(Send send, int status, String text) {
        Bytes body = Bytes.utf8(text);
        return send.send(new HttpResponseStart(status, Headers.of("content-type", "text/plain; charset=utf-8",
                        "content-length", Integer.toString(body.length()))))
                .thenCompose(v -> send.send(HttpResponseBody.last(body)));
    }
}
