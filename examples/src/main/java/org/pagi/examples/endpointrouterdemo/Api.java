package org.pagi.examples.endpointrouterdemo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pagi.wrappers.endpoint.EndpointRouter;
import org.pagi.wrappers.endpoint.Routes;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.request.RequestException;
import org.pagi.wrappers.response.Response;

/**
 * Upstream's {@code MyApp::API}, mounted at {@code /api}: the app's info from the state, and a list of users
 * that POST adds to. Every call counts as a request in {@link Metrics}. Thread-safe.
 */
final class Api extends EndpointRouter {
    private final List<User> users = new CopyOnWriteArrayList<>(List.of(
            new User(1, "Alice", "alice@example.com"), new User(2, "Bob", "bob@example.com")));

    /** A user as JSON: {@code {"id":1,"name":"Alice","email":"alice@example.com"}}. */
    record User(int id, String name, String email) {
    }

    /** What a POST carries. */
    record NewUser(String name, String email) {
    }

    @Override
    protected void routes(Routes r) {
        r.get("/info", this::info)
                .get("/users", this::list)
                .get("/users/{id:int}", this::show)
                .post("/users", this::create);
    }

    private static CompletionStage<Response> answer(Response response) {
        return CompletableFuture.completedFuture(response);
    }

    private static void counted(Request req) {
        Metrics.of(req.state()).requests.incrementAndGet();
    }

    private CompletionStage<Response> info(Request req) {
        counted(req);
        Config config = Config.of(req.state());
        return answer(Response.json(Map.of("app", config.appName(), "version", config.version(), "api", "v1")));
    }

    private CompletionStage<Response> list(Request req) {
        counted(req);
        return answer(Response.json(List.copyOf(users)));
    }

    private CompletionStage<Response> show(Request req) {
        counted(req);
        int id = Integer.parseInt(req.pathParam("id"));
        return answer(users.stream().filter(u -> u.id() == id).findFirst()
                .map(Response::json)
                .orElseGet(() -> Response.json(Map.of("error", "User not found")).withStatus(404)));
    }

    private CompletionStage<Response> create(Request req) {
        counted(req);
        return req.json(NewUser.class).thenApply(posted -> {
            User user;
            synchronized (users) { // the id and the add together, so two posts never share an id
                user = new User(users.size() + 1, posted.name(), posted.email());
                users.add(user);
            }
            return Response.json(user).withStatus(201);
        }).exceptionally(failure -> failure.getCause() instanceof RequestException bad
                ? bad.toResponse() // 400 malformed, 415 not JSON
                : Response.json(Map.of("error", "could not create the user")).withStatus(500));
    }
}
