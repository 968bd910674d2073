package org.pagi.wrappers.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.response.Response;

/** The two examples of the Request section of wrappers/README.md, kept identical to it and run. */
@Timeout(20)
class RequestReadmeExampleTest {

    record Order(String item, int qty) {
    }

    @Test
    void asyncMode() {
        // --- README example starts
        Application orders = (scope, receive, send) -> {
            Request req = Request.of((HttpScope) scope, receive);
            String user = req.bearerToken().orElse("anonymous");
            return req.json(Order.class)                                     // 415 unless JSON, 400 if malformed
                    .thenApply(o -> Response.json(Map.of("user", user, "qty", o.qty())))
                    .exceptionally(e -> e.getCause() instanceof RequestException r
                            ? r.toResponse() : Response.status(500))
                    .thenCompose(r -> r.respond(scope, send));
        };
        // --- README example ends
        check(orders);
    }

    @Test
    void blockingMode() {
        // --- README example starts
        Application orders = Blocking.app((scope, receive, send) -> {
            Request req = Request.of((HttpScope) scope, receive);
            String user = req.bearerToken().orElse("anonymous");
            Response answer;
            try {
                Order o = req.blocking().json(Order.class, BodyLimits.DEFAULTS.withMaxBodyBytes(64 * 1024));
                answer = Response.json(Map.of("user", user, "qty", o.qty()));
            } catch (RequestException e) {                                    // 400, 413 or 415
                answer = e.toResponse();
            }
            answer.blocking().respond(scope, send);
        });
        // --- README example ends
        check(orders);
    }

    private static void check(Application orders) {
        TestClient client = TestClient.of(orders);
        TestResponse ok = client.post("/").header("authorization", "Bearer t0k").json(new Order("pen", 3)).send();
        assertEquals(200, ok.status());
        assertEquals("t0k", ok.json().get("user").asText());
        assertEquals(3, ok.json().get("qty").asInt());
        assertEquals(415, client.post("/").text("pen").send().status());
        assertEquals(400, client.post("/").body(Bytes.utf8("{"), "application/json").send().status());
    }
}
