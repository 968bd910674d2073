package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

/**
 * The route label comes from a real {@link Router} through {@link Metrics#routeTag()}: the template, never the
 * path; {@code <unmatched>} for what no route answered; under a mount, the template with the mount's prefix.
 */
@Timeout(30)
class MetricsRouteLabelTest {

    private static Application text(String body) {
        return (scope, receive, send) -> Response.text(body).respond(scope, send);
    }

    private static String counted(Metrics metrics, String method, String route, String status) {
        return "http_requests_total{method=\"" + method + "\",route=\"" + route + "\",status=\"" + status + "\"}";
    }

    @Test
    void routesAreLabelledWithTheirTemplateAndMountsWithTheirPrefix() {
        Metrics metrics = Metrics.builder().build();
        Router api = Router.builder().group("/", List.of(metrics.routeTag()), r -> r
                .get("/users/{id}", text("user"))
                .get("/", text("api root"))).build();
        Router admin = Router.builder().group("/", List.of(metrics.routeTag()), r -> r
                .get("/users/{id}", text("admin user"))).build();
        Router root = Router.builder().group("/", List.of(metrics.routeTag()), r -> r
                .get("/users/{id}", text("site user"))
                .group("/v2", v2 -> v2.get("/items/{item}", text("item")))
                .mount("/api", api)
                .mount("/admin/area", admin)).build();
        TestClient client = TestClient.of(metrics.wrap(root));

        assertEquals("site user", client.get("/users/7").send().text());
        assertEquals("user", client.get("/api/users/7").send().text());
        assertEquals("user", client.get("/api/users/8").send().text());
        assertEquals("admin user", client.get("/admin/area/users/9").send().text());
        assertEquals("item", client.get("/v2/items/3").send().text());
        assertEquals("api root", client.get("/api").send().text());
        assertEquals(404, client.get("/api/nothing/here").send().status());
        assertEquals(404, client.get("/elsewhere").send().status());

        String text = metrics.scrape();
        assertTrue(text.contains(counted(metrics, "GET", "/users/{id}", "2xx") + " 1\n"), text);
        assertTrue(text.contains(counted(metrics, "GET", "/api/users/{id}", "2xx") + " 2\n"), text);
        assertTrue(text.contains(counted(metrics, "GET", "/admin/area/users/{id}", "2xx") + " 1\n"), text);
        assertTrue(text.contains(counted(metrics, "GET", "/v2/items/{item}", "2xx") + " 1\n"), text);
        assertTrue(text.contains(counted(metrics, "GET", "/api/", "2xx") + " 1\n"), text);
        assertTrue(text.contains(counted(metrics, "GET", "<unmatched>", "4xx") + " 2\n"), text);
        assertFalse(text.contains("/7") || text.contains("/8") || text.contains("nothing"), "paths never become labels");
    }

    @Test
    void aMiddlewareStackMountIsLabelledWithItsPrefixToo() {
        Metrics metrics = Metrics.builder().build();
        Router api = Router.builder().get("/orders/{id}", text("order"), metrics.routeTag()).build();
        Application app = MiddlewareStack.builder().enable(metrics).mount("/shop", api).build(text("fallback"));
        TestClient client = TestClient.of(app);
        assertEquals("order", client.get("/shop/orders/1").send().text());
        assertEquals("fallback", client.get("/other").send().text());
        String text = metrics.scrape();
        assertTrue(text.contains(counted(metrics, "GET", "/shop/orders/{id}", "2xx") + " 1\n"), text);
        assertTrue(text.contains(counted(metrics, "GET", "<unmatched>", "2xx") + " 1\n"), text);
    }
}
