package org.pagi.wrappers.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.PagiInfo;
import org.pagi.spec.State;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

/** {@link HttpHandlerApp} through the in-process test client: what the exchange shows and how the response goes. */
@Timeout(30)
class HttpHandlerAppTest {

    private static TestClient client(HttpHandler handler) {
        return TestClient.builder(HttpHandlerApp.of(handler)).raiseAppExceptions(false).build();
    }

    private static void text(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void theExchangeIsFilledFromTheScope() {
        AtomicReference<HttpExchange> seen = new AtomicReference<>();
        AtomicReference<String> facts = new AtomicReference<>();
        HttpHandler handler = ex -> {
            seen.set(ex);
            facts.set(String.join("|", ex.getRequestMethod(), ex.getRequestURI().toString(), ex.getProtocol(),
                    ex.getRequestHeaders().getFirst("X-Trace"), String.valueOf(ex.getRequestHeaders().get("x-many")),
                    ex.getRemoteAddress().getAddress().getHostAddress() + ":" + ex.getRemoteAddress().getPort(),
                    ex.getLocalAddress().getAddress().getHostAddress() + ":" + ex.getLocalAddress().getPort(),
                    ex.getHttpContext().getPath(), String.valueOf(ex.getAttribute("app.user")),
                    String.valueOf(ex.getResponseCode())));
            text(ex, 200, "ok");
        };
        Application app = HttpHandlerApp.of(handler);
        Application withAttribute = (scope, receive, send) ->
                app.call(((HttpScope) scope).withAttribute("app.user", "ann"), receive, send);
        TestClient client = TestClient.builder(withAttribute).rootPath("/legacy")
                .clientAddress(Endpoint.of("10.1.2.3", 40000)).serverAddress(Endpoint.of("192.168.0.9", 8080)).build();

        TestResponse r = client.get("/legacy/a%20b").query("q", "1 2").header("x-trace", "t1")
                .header("x-many", "1").header("x-many", "2").send();

        assertEquals(200, r.status());
        assertEquals(Optional.of("2"), r.header("content-length"));
        assertEquals("GET|/legacy/a%20b?q=1+2|HTTP/1.1|t1|[1, 2]|10.1.2.3:40000|192.168.0.9:8080|/legacy|ann|-1",
                facts.get());
        HttpExchange ex = seen.get();
        assertNull(ex.getPrincipal());
        assertEquals(200, ex.getResponseCode());
        assertTrue(ex.getAttribute(HttpHandlerApp.SCOPE_ATTRIBUTE) instanceof HttpScope);
        assertThrows(UnsupportedOperationException.class, () -> ex.getHttpContext().getServer());
        assertThrows(UnsupportedOperationException.class, () -> ex.getRequestHeaders().put("x", List.of("y")));
    }

    @Test
    void theRequestBodyIsReadPieceByPieceAsTheClientSendsIt() {
        // An echo that flushes after every read: each piece comes back before the client has sent the next one, so
        // the body is neither waited for nor held whole.
        HttpHandler echo = ex -> {
            ex.sendResponseHeaders(200, 0);
            byte[] buf = new byte[1024];
            try (InputStream in = ex.getRequestBody(); OutputStream out = ex.getResponseBody()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            }
        };
        StreamingResponse stream = client(echo).post("/").openBody().stream();
        for (int i = 0; i < 5; i++) {
            Bytes piece = Bytes.utf8("piece-" + i);
            stream.writeBody(piece, true);
            assertEquals(Optional.of(piece), stream.nextChunk(), "piece " + i + " came back before the next was sent");
        }
        stream.writeBody(Bytes.empty(), false);
        TestResponse r = stream.readAll();
        assertEquals("piece-0piece-1piece-2piece-3piece-4", r.text());
        assertFalse(r.header("content-length").isPresent(), "a 0 length is a body of any length");
    }

    @Test
    void writesGoOutInPiecesOfTheBufferSizeOrAtEachFlush() {
        HttpHandler handler = ex -> {
            ex.sendResponseHeaders(200, 10_000);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[100]);
                out.flush();
                for (int i = 0; i < 99; i++) {
                    out.write(new byte[100]);
                }
            }
        };
        TestResponse r = TestClient.of(HttpHandlerApp.builder(handler).bufferBytes(4096).build()).get("/").send();
        assertEquals(10_000, r.body().length());
        assertEquals(List.of(100, 4096, 4096, 1708), r.chunks().stream().map(Bytes::length).toList());
        assertEquals(Optional.of("10000"), r.header("content-length"));
    }

    @Test
    void minusOneMeansNoBodyAndHeadGetsTheHeadersAlone() {
        HttpHandler handler = ex -> {
            if (ex.getRequestURI().getPath().equals("/none")) {
                ex.sendResponseHeaders(200, -1);
                IOException e = assertThrows(IOException.class, () -> ex.getResponseBody().write(1));
                assertTrue(e.getMessage().contains("no body"), e.getMessage());
                ex.close();
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            text(ex, 200, "twelve bytes");
        };
        TestClient client = TestClient.of(HttpHandlerApp.of(handler));
        TestResponse none = client.get("/none").send();
        assertEquals(200, none.status());
        assertEquals(Optional.of("0"), none.header("content-length"));
        assertEquals(0, none.body().length());

        TestResponse head = client.head("/").send();
        assertEquals(200, head.status());
        assertEquals(Optional.of("12"), head.header("content-length"), "what a GET would get");
        assertEquals(Optional.of("text/plain"), head.header("content-type"));
        assertEquals(0, head.body().length());
    }

    @Test
    void anExceptionBeforeTheHeadersIs500AndAfterThemCutsTheResponse() {
        HttpHandler handler = ex -> {
            switch (ex.getRequestURI().getPath()) {
                case "/before" -> throw new IllegalStateException("boom");
                case "/silent" -> { }
                case "/after" -> {
                    ex.sendResponseHeaders(200, 0);
                    ex.getResponseBody().write("partial".getBytes(StandardCharsets.US_ASCII));
                    ex.getResponseBody().flush();
                    throw new IOException("lost the database");
                }
                default -> {
                    ex.sendResponseHeaders(200, 100);
                    ex.getResponseBody().write(new byte[10]);
                    ex.close(); // short of the promised 100 bytes
                }
            }
        };
        TestClient client = client(handler);
        TestResponse before = client.get("/before").send();
        assertEquals(500, before.status());
        assertEquals("Internal Server Error", before.text());
        assertEquals(500, client.get("/silent").send().status(), "returning without a response is a failure too");

        TestResponse after = client.get("/after").send();
        assertEquals(200, after.status());
        assertTrue(after.aborted(), "a started response is cut, never ended as if complete");
        assertTrue(client.get("/short").send().aborted(), "a fixed-length body closed short is cut");
    }

    @Test
    void theJdkRulesForTheResponseStreamHold() {
        List<String> errors = new CopyOnWriteArrayList<>();
        HttpHandler handler = ex -> {
            try {
                ex.getResponseBody().write(1);
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
            ex.sendResponseHeaders(200, 3);
            try {
                ex.sendResponseHeaders(200, 3);
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
            OutputStream out = ex.getResponseBody();
            try {
                out.write(new byte[4]);
            } catch (IOException e) {
                errors.add(e.getMessage().substring(0, 25));
            }
            out.write(new byte[] {'a', 'b', 'c'});
            // the handler never closes: the last byte already ended the response
        };
        TestResponse r = TestClient.of(HttpHandlerApp.of(handler)).get("/").send();
        assertEquals("abc", r.text());
        assertEquals(List.of("call sendResponseHeaders before writing the response body", "headers already sent",
                "too many bytes to write t"), errors);
    }

    @Test
    void aChunkedBodyLeftOpenIsEndedWhenTheHandlerReturns() {
        HttpHandler handler = ex -> {
            ex.sendResponseHeaders(201, 0);
            ex.getResponseBody().write("left open".getBytes(StandardCharsets.US_ASCII));
        };
        TestResponse r = TestClient.of(HttpHandlerApp.of(handler)).get("/").send();
        assertEquals(201, r.status());
        assertEquals("left open", r.text());
        assertFalse(r.aborted());
    }

    @Test
    void filtersRunInOrderAroundTheHandlerAndMayWrapTheStreams() {
        List<String> order = new CopyOnWriteArrayList<>();
        Filter outer = Filter.beforeHandler("outer", ex -> order.add("outer"));
        Filter upper = new Filter() {
            @Override
            public void doFilter(HttpExchange ex, Chain chain) throws IOException {
                order.add("upper");
                OutputStream original = ex.getResponseBody();
                ex.setStreams(null, new java.io.FilterOutputStream(original) {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(Character.toUpperCase(b));
                    }
                });
                chain.doFilter(ex);
            }

            @Override
            public String description() {
                return "upper-cases the body";
            }
        };
        HttpHandler handler = ex -> {
            order.add("handler:" + ex.getHttpContext().getAttributes().get("app.name"));
            ex.sendResponseHeaders(200, 5);
            try (OutputStream out = ex.getResponseBody()) {
                for (byte b : "hello".getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                }
            }
        };
        Application app = HttpHandlerApp.builder(handler).filter(outer).filter(upper)
                .contextAttribute("app.name", "legacy").build();
        assertEquals("HELLO", TestClient.of(app).get("/").send().text());
        assertEquals(List.of("outer", "upper", "handler:legacy"), order);
    }

    @Test
    void aTargetThatJavaNetUriCannotHoldIs400AsTheJdkServerAnswers() {
        TestResponse r = client(ex -> text(ex, 200, "never")).get("/a|b").send();
        assertEquals(400, r.status());
    }

    @Test
    void otherScopesAndBadOptionsAreRefusedByName() {
        HttpHandlerApp app = HttpHandlerApp.of(ex -> text(ex, 200, "x"));
        CompletableFuture<Void> lifespan = app.call(new LifespanScope(PagiInfo.current(), new State()),
                CompletableFuture::new, e -> CompletableFuture.completedFuture(null)).toCompletableFuture();
        CompletionException failed = assertThrows(CompletionException.class, lifespan::join);
        assertTrue(failed.getCause() instanceof UnsupportedScopeException);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpHandlerApp.builder(ex -> { }).bufferBytes(0));
        assertTrue(e.getMessage().startsWith("bufferBytes"), e.getMessage());

        List<String> refused = new CopyOnWriteArrayList<>();
        HttpHandler informational = ex -> {
            for (long length : new long[] {-2, -1}) {
                try {
                    ex.sendResponseHeaders(length == -1 ? 100 : 200, length);
                } catch (IllegalArgumentException x) {
                    refused.add(x.getMessage());
                }
            }
            text(ex, 200, "x");
        };
        assertEquals(200, TestClient.of(HttpHandlerApp.of(informational)).get("/").send().status());
        assertEquals(List.of("responseLength must be -1 (no body), 0 (chunked) or the body's length, got -2",
                "rCode must be a final status 200-599, got 100"), refused);
    }
}
