package org.pagi.wrappers.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

/**
 * A class-based router and a functional router declaring the same routes give the same answers, header for
 * header: matches, 404, 405 with Allow, HEAD, OPTIONS, the endpoint's methods, and urlFor.
 */
@Timeout(30)
class SameAnswersTest {

    private static final List<String[]> REQUESTS = List.of(
            new String[] {"GET", "/users/7"}, new String[] {"HEAD", "/users/7"}, new String[] {"OPTIONS", "/users/7"},
            new String[] {"DELETE", "/users/7"}, new String[] {"GET", "/users/x"}, new String[] {"POST", "/users"},
            new String[] {"GET", "/users"}, new String[] {"GET", "/items"}, new String[] {"HEAD", "/items"},
            new String[] {"PUT", "/items"}, new String[] {"OPTIONS", "/items"}, new String[] {"DELETE", "/items"},
            new String[] {"GET", "/api/orders/3"}, new String[] {"POST", "/api/orders/3"},
            new String[] {"GET", "/nowhere"}, new String[] {"BREW", "/users/7"});

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bothRoutersAnswerAlike(Mode mode) {
        EndpointRouter classBased = new EndpointRouter() {
            @Override
            protected void routes(Routes r) {
                if (mode == Mode.ASYNC) {
                    r.get("/users/{id:int}", (Request req) -> done(user(req))).name("user");
                    r.post("/users", (Request req) -> done(Response.text("posted").withStatus(201)));
                } else {
                    r.get("/users/{id:int}", (Request req) -> user(req)).name("user");
                    r.post("/users", (Request req) -> Response.text("posted").withStatus(201));
                }
                r.endpoint("/items", Items.of(mode)).name("items");
                r.mount("/api", new EndpointRouter() {
                    @Override
                    protected void routes(Routes api) {
                        api.get("/orders/{id}", (Request req) -> Response.text("order " + req.pathParam("id")))
                                .name("order");
                    }
                }, "api");
            }
        };
        Router functional = Router.builder()
                .get("/users/{id:int}", (scope, receive, send) ->
                        user(Request.of((HttpScope) scope, receive)).respond(scope, send)).name("user")
                .post("/users", Response.text("posted").withStatus(201))
                .get("/items", Blocking.app((scope, receive, send) ->
                        Response.text("items at " + ((HttpScope) scope).path()).blocking().respond(scope, send)))
                .post("/items", (scope, receive, send) -> Request.of((HttpScope) scope, receive).text()
                        .thenCompose(t -> Response.text("added " + t).withStatus(201).respond(scope, send)))
                .delete("/items", Response.empty()).name("items")
                .mount("/api", Router.builder().get("/orders/{id}", (scope, receive, send) -> Response.text(
                        "order " + Router.pathParam((HttpScope) scope, "id")).respond(scope, send))
                        .name("order").build(), "api")
                .build();

        assertEquals(answers(functional), answers(classBased));
        for (Router names : List.of(classBased.router(), functional)) {
            assertEquals("/users/5?a=b", names.urlFor("user", Map.of("id", 5), Map.of("a", "b")));
            assertEquals("/items", names.urlFor("items", Map.of(), Map.of()));
            assertEquals("/api/orders/9", names.urlFor("api.order", Map.of("id", 9), Map.of()));
        }
        assertEquals(functional.routeNames(), classBased.routeNames());
    }

    private static List<String> answers(Application app) {
        TestClient client = TestClient.of(app);
        List<String> out = new ArrayList<>();
        for (String[] request : REQUESTS) {
            TestResponse r = client.request(request[0], request[1]).text("body").send();
            out.add(request[0] + " " + request[1] + " -> " + r.status() + " allow=" + r.header("allow").orElse("-")
                    + " type=" + r.header("content-type").orElse("-")
                    + " length=" + r.header("content-length").orElse("-") + " body=" + r.text());
        }
        return out;
    }

    private static Response user(Request req) {
        return Response.text("user " + req.pathParam("id"));
    }

    private static java.util.concurrent.CompletionStage<Response> done(Response r) {
        return java.util.concurrent.CompletableFuture.completedFuture(r);
    }
}
