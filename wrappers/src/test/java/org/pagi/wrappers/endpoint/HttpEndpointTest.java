package org.pagi.wrappers.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;

/**
 * HttpEndpoint in both handler modes, on its own and routed by an EndpointRouter: the declared methods, 405 with
 * a sorted Allow, automatic OPTIONS, HEAD through GET, and declared HEAD and OPTIONS handlers.
 */
@Timeout(30)
class HttpEndpointTest {

    /** The endpoint alone, and the same endpoint routed at /items by a class-based router. */
    private static List<TestClient> clients(Mode mode) {
        HttpEndpoint alone = Items.of(mode);
        EndpointRouter routed = new EndpointRouter() {
            @Override
            protected void routes(Routes r) {
                r.endpoint("/items", Items.of(mode), Mode.trail("items"));
            }
        };
        return List.of(TestClient.of(alone), TestClient.of(routed));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void answersTheDeclaredMethods(Mode mode) {
        for (TestClient client : clients(mode)) {
            assertEquals("items at /items", client.get("/items").send().text());
            TestResponse added = client.post("/items").text("pen").send();
            assertEquals(201, added.status());
            assertEquals("added pen", added.text());
            assertEquals(204, client.delete("/items").send().status());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void otherMethodsGet405WithASortedAllowAndOptionsIsAutomatic(Mode mode) {
        for (TestClient client : clients(mode)) {
            TestResponse put = client.put("/items").text("x").send();
            assertEquals(405, put.status());
            assertEquals("DELETE, GET, HEAD, OPTIONS, POST", put.header("allow").orElseThrow());
            assertEquals("Method Not Allowed", put.text());

            TestResponse options = client.options("/items").send();
            assertEquals(204, options.status());
            assertEquals("DELETE, GET, HEAD, OPTIONS, POST", options.header("allow").orElseThrow());
            assertEquals(0, options.body().length());
        }
        assertEquals(Set.of("DELETE", "GET", "HEAD", "OPTIONS", "POST"), Items.of(mode).allowedMethods());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void headIsServedByGetWithTheBodyDroppedAndTheLengthKept(Mode mode) {
        for (TestClient client : clients(mode)) {
            TestResponse head = client.head("/items").send();
            assertEquals(200, head.status());
            assertEquals(Integer.toString("items at /items".length()), head.header("content-length").orElseThrow());
            assertEquals(0, head.body().length());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void declaredHeadAndOptionsHandlersWinOverTheAutomaticOnes(Mode mode) {
        HttpEndpoint endpoint = mode == Mode.ASYNC
                ? new HttpEndpoint() {
                    @Override
                    protected void methods(Methods m) {
                        m.get((Request r) -> done(Response.text("body")))
                                .head((Request r) -> done(Response.empty().withHeader("x-head", "own")))
                                .options((Request r) -> done(Response.text("custom options")))
                                .put((Request r) -> done(Response.text("put")))
                                .patch((Request r) -> done(Response.text("patch")));
                    }
                }
                : new HttpEndpoint() {
                    @Override
                    protected void methods(Methods m) {
                        m.get((Request r) -> Response.text("body"))
                                .head((Request r) -> Response.empty().withHeader("x-head", "own"))
                                .options((Request r) -> Response.text("custom options"))
                                .put((Request r) -> Response.text("put"))
                                .patch((Request r) -> Response.text("patch"));
                    }
                };
        TestClient client = TestClient.of(endpoint);
        assertEquals("own", client.head("/").send().header("x-head").orElseThrow());
        assertEquals("custom options", client.options("/").send().text());
        assertEquals("put", client.put("/").send().text());
        assertEquals("patch", client.patch("/").send().text());
        assertEquals("GET, HEAD, OPTIONS, PATCH, PUT", client.delete("/").send().header("allow").orElseThrow());
    }

    @Test
    void aMethodDeclaredTwiceOrNoneIsRefusedNamingTheProblem() {
        HttpEndpoint twice = new HttpEndpoint() {
            @Override
            protected void methods(Methods m) {
                m.get((Request r) -> Response.text("1")).get((Request r) -> Response.text("2"));
            }
        };
        assertEquals("GET is declared twice", assertThrows(IllegalStateException.class, twice::allowedMethods)
                .getMessage());
        HttpEndpoint none = new HttpEndpoint() {
            @Override
            protected void methods(Methods m) {
            }
        };
        assertTrue(assertThrows(IllegalStateException.class, none::allowedMethods).getMessage()
                .endsWith("declares no method"));
    }

    @Test
    void aScopeOtherThanHttpIsDeclined() {
        Application endpoint = Items.of(Mode.ASYNC);
        // The test client rethrows what the application failed with.
        assertThrows(UnsupportedScopeException.class, () -> TestClient.of(endpoint).websocket("/").connect());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHandlerReturningNullFailsTheCallWithASpecificError(Mode mode) {
        HttpEndpoint endpoint = mode == Mode.ASYNC
                ? new HttpEndpoint() {
                    @Override
                    protected void methods(Methods m) {
                        m.get((Request r) -> CompletableFuture.<Response>completedFuture(null));
                    }
                }
                : new HttpEndpoint() {
                    @Override
                    protected void methods(Methods m) {
                        m.get((Request r) -> (Response) null);
                    }
                };
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> TestClient.of(endpoint).get("/").send());
        assertEquals("the handler returned no response (null)", e.getMessage());
    }

    private static CompletableFuture<Response> done(Response r) {
        return CompletableFuture.completedFuture(r);
    }
}
