package org.pagi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.testing.Apps.blocking;
import static org.pagi.testing.Apps.receive;
import static org.pagi.testing.Apps.respond;
import static org.pagi.testing.Apps.send;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Scope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpFullFlush;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseFile;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;
import org.pagi.spec.order.IllegalEventOrderException;
import org.pagi.spec.server.ConnectionInfo;
import org.pagi.spec.server.RequestHead;
import org.pagi.spec.server.ScopeFactory;
import org.pagi.testing.http.Multipart;

class TestClientHttpTest {

    /** Answers with the request body it read, and records the scope and every inbound event. */
    static final class Recorder implements Application {
        final AtomicReference<HttpScope> scope = new AtomicReference<>();
        final List<Event> inbound = new CopyOnWriteArrayList<>();

        @Override
        public java.util.concurrent.CompletionStage<Void> call(Scope s, org.pagi.spec.Receive receive,
                org.pagi.spec.Send send) {
            return blocking((sc, rc, sd) -> {
                scope.set((HttpScope) sc);
                Bytes body = Bytes.empty();
                while (true) {
                    HttpRequest r = (HttpRequest) receive(rc);
                    inbound.add(r);
                    body = body.concat(r.body());
                    if (!r.more()) {
                        break;
                    }
                }
                send(sd, new HttpResponseStart(200, Headers.of("content-type", "application/octet-stream")));
                send(sd, HttpResponseBody.last(body));
            }).call(s, receive, send);
        }
    }

    @Nested
    class Requests {
        @Test
        void buildsTheSameScopeTheServersCodePathBuilds() {
            Recorder app = new Recorder();
            TestClient client = TestClient.of(app);
            client.get("/caf%C3%A9/x?a=1").header("X-Trace", "t1").send();
            HttpScope scope = app.scope.get();

            RequestHead head = new RequestHead("GET", Bytes.ascii("/caf%C3%A9/x?a=1"), "1.1",
                    Headers.of("host", "testserver", "user-agent", "pagi-testclient", "accept", "*/*",
                            "x-trace", "t1"));
            var expected = ScopeFactory.requestInfo(head, new ConnectionInfo(false, client.clientAddress(),
                    client.serverAddress(), ""), ScopeFactory.Kind.HTTP);
            assertEquals(expected, scope.request());
            assertEquals("/café/x", scope.path());
            assertEquals(Bytes.ascii("a=1"), scope.queryString());
            assertEquals("http", scope.scheme());
        }

        @Test
        void encodesQueryParametersAndAppendsThemToAnExistingQuery() {
            Recorder app = new Recorder();
            TestClient.of(app).get("/s?x=1").query("q", "a b&c").query("é", "1").send();
            assertEquals("x=1&q=a+b%26c&%C3%A9=1", app.scope.get().queryString().latin1());
        }

        @Test
        void sendsAnyMethodToken() {
            Recorder app = new Recorder();
            TestClient client = TestClient.of(app);
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND")) {
                client.request(method, "/").send();
                assertEquals(method, app.scope.get().method());
            }
        }

        @Test
        void sendsATextBodyWithContentLengthAndContentType() {
            Recorder app = new Recorder();
            TestResponse r = TestClient.of(app).post("/echo").text("héllo").send();
            assertEquals("héllo", r.body().utf8());
            assertEquals(Optional.of("6"), app.scope.get().headers().first("content-length"));
            assertEquals(Optional.of("text/plain; charset=utf-8"), app.scope.get().headers().first("content-type"));
            assertEquals(List.of(new HttpRequest(Bytes.utf8("héllo"), false)), app.inbound);
        }

        @Test
        void sendsJsonFormAndMultipartBodies() {
            Recorder app = new Recorder();
            TestClient client = TestClient.of(app);
            assertEquals("{\"a\":[1,2]}", client.post("/").json(Map.of("a", List.of(1, 2))).send().text());
            Map<String, String> form = new LinkedHashMap<>();
            form.put("name", "Ada Lovelace");
            form.put("x", "1&2");
            assertEquals("name=Ada+Lovelace&x=1%262", client.post("/").form(form).send().text());
            Multipart mp = Multipart.builder().field("a", "1").boundary("BOUNDARY").build();
            TestResponse r = client.post("/").multipart(mp).send();
            assertEquals(mp.body(), r.body());
            assertEquals(Optional.of("multipart/form-data; boundary=BOUNDARY"),
                    app.scope.get().headers().first("content-type"));
        }

        @Test
        void streamsAChunkedBodyAsSeveralRequestEvents() {
            Recorder app = new Recorder();
            TestResponse r = TestClient.of(app).post("/up")
                    .bodyChunks(List.of(Bytes.ascii("ab"), Bytes.ascii("cd"), Bytes.ascii("e"))).send();
            assertEquals("abcde", r.text());
            assertEquals(List.of(new HttpRequest(Bytes.ascii("ab"), true), new HttpRequest(Bytes.ascii("cd"), true),
                    new HttpRequest(Bytes.ascii("e"), false)), app.inbound);
            assertEquals(Optional.of("chunked"), app.scope.get().headers().first("transfer-encoding"));
            assertFalse(app.scope.get().headers().contains("content-length"));
        }

        @Test
        void sendsOneEmptyRequestEventForABodilessGet() {
            Recorder app = new Recorder();
            TestClient.of(app).get("/").send();
            assertEquals(List.of(new HttpRequest(Bytes.empty(), false)), app.inbound);
            assertFalse(app.scope.get().headers().contains("content-length"));
        }

        @Test
        void refusesAnSseRequestOnTheHttpBuilder() {
            TestClient client = TestClient.of(new Recorder());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.get("/events").header("accept", "text/event-stream").send());
            assertTrue(e.getMessage().contains("client.sse(path)"), e.getMessage());
        }

        @Test
        void letsAUserHeaderReplaceTheDefaultAcceptAndUserAgent() {
            Recorder app = new Recorder();
            TestClient.of(app).get("/").header("accept", "application/json").header("user-agent", "me").send();
            assertEquals(List.of("application/json"), app.scope.get().headers().all("accept"));
            assertEquals(List.of("me"), app.scope.get().headers().all("user-agent"));
        }

        @Test
        void carriesTheLifespanStateAsAShallowCopy() {
            Recorder app = new Recorder();
            TestClient client = TestClient.of(app);
            List<String> shared = new CopyOnWriteArrayList<>();
            client.state().put("log", shared);
            client.get("/").send();
            assertSame(shared, app.scope.get().state().get("log").orElseThrow());
            app.scope.get().state().put("private", "x");
            assertTrue(client.state().get("private").isEmpty());
        }
    }

    @Nested
    class Responses {
        @Test
        void exposesStatusHeadersTrailersAndChunks() {
            Application app = blocking((scope, rc, sd) -> {
                send(sd, new HttpResponseStart(200, Headers.of("content-type", "text/plain"), true));
                send(sd, HttpResponseBody.chunk(Bytes.ascii("Chunk 1\n")));
                send(sd, HttpResponseBody.chunk(Bytes.empty()));
                send(sd, HttpResponseBody.chunk(Bytes.ascii("Chunk 2\n")));
                send(sd, HttpResponseBody.last(Bytes.empty()));
                send(sd, new HttpResponseTrailers(Headers.of("x-stream-complete", "1")));
            });
            TestResponse r = TestClient.of(app).get("/stream").send();
            assertEquals(200, r.status());
            assertEquals(Optional.of("text/plain"), r.header("Content-Type"));
            assertEquals(List.of(Bytes.ascii("Chunk 1\n"), Bytes.ascii("Chunk 2\n")), r.chunks());
            assertEquals("Chunk 1\nChunk 2\n", r.text());
            assertEquals(Headers.of("x-stream-complete", "1"), r.trailers());
        }

        @Test
        void decodesTextByTheContentTypeCharset() {
            Application app = blocking((scope, rc, sd) -> {
                send(sd, new HttpResponseStart(200, Headers.of("content-type", "text/plain; charset=ISO-8859-1")));
                send(sd, HttpResponseBody.last(Bytes.of(new byte[] {(byte) 0xE9})));
            });
            assertEquals("é", TestClient.of(app).get("/").send().text());
        }

        @Test
        void parsesJson() {
            Application app = blocking((scope, rc, sd) -> respond(sd, 200, "{\"n\":3}"));
            assertEquals(3, TestClient.of(app).get("/").send().json().get("n").asInt());
        }

        @Test
        void dropsTheBodyOfAHeadResponseAsAServerDoes() {
            Application app = blocking((scope, rc, sd) -> respond(sd, 200, "body"));
            TestResponse r = TestClient.of(app).head("/").send();
            assertEquals(200, r.status());
            assertEquals(Bytes.empty(), r.body());
        }

        @Test
        void readsAFileBody(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("f.txt");
            Files.writeString(file, "0123456789");
            Application app = blocking((scope, rc, sd) -> {
                send(sd, new HttpResponseStart(206, Headers.empty()));
                send(sd, new HttpResponseFile(file, 2, java.util.OptionalLong.of(3)));
            });
            assertEquals("234", TestClient.of(app).get("/").send().text());
        }

        @Test
        void failsTheSendOfAMissingFile(@TempDir Path dir) {
            AtomicReference<Throwable> error = new AtomicReference<>();
            Application app = blocking((scope, rc, sd) -> {
                send(sd, new HttpResponseStart(200, Headers.empty()));
                sd.send(HttpResponseFile.of(dir.resolve("missing"))).exceptionally(t -> {
                    error.set(t);
                    return null;
                }).toCompletableFuture().join();
                send(sd, HttpResponseBody.last(Bytes.ascii("fallback")));
            });
            assertEquals("fallback", TestClient.of(app).get("/").send().text());
            assertTrue(error.get().getMessage().contains("cannot open response file"), error.get().getMessage());
        }

        @Test
        void acceptsFullFlushWhenAdvertised() {
            Application app = blocking((scope, rc, sd) -> {
                send(sd, new HttpResponseStart(200, Headers.empty()));
                send(sd, new HttpFullFlush());
                send(sd, HttpResponseBody.last(Bytes.ascii("ok")));
            });
            assertEquals("ok", TestClient.of(app).get("/").send().text());
        }

        @Test
        void keepsCookiesAcrossRequests() {
            List<String> seen = new CopyOnWriteArrayList<>();
            Application app = blocking((scope, rc, sd) -> {
                HttpScope http = (HttpScope) scope;
                seen.add(http.headers().first("cookie").orElse("-"));
                send(sd, new HttpResponseStart(200, Headers.of("set-cookie", "session=abc; Path=/")));
                send(sd, HttpResponseBody.last(Bytes.empty()));
            });
            TestClient client = TestClient.of(app);
            client.get("/login").send();
            client.get("/account").cookie("extra", "1").send();
            assertEquals(List.of("-", "session=abc; extra=1"), seen);
            assertEquals(Optional.of("abc"), client.cookies().get("session"));
        }

        @Test
        void followsRedirectsWhenAsked() {
            Application app = blocking((scope, rc, sd) -> {
                HttpScope http = (HttpScope) scope;
                switch (http.path()) {
                    case "/old" -> {
                        send(sd, new HttpResponseStart(302, Headers.of("location", "/new?x=1")));
                        send(sd, HttpResponseBody.last(Bytes.empty()));
                    }
                    default -> respond(sd, 200, http.method() + " " + http.path() + "?" + http.queryString().latin1());
                }
            });
            TestClient client = TestClient.builder(app).followRedirects(true).build();
            TestResponse r = client.post("/old").text("x").send();
            assertEquals("GET /new?x=1", r.text());
            assertEquals(List.of(302), r.history().stream().map(TestResponse::status).toList());
            assertEquals(302, client.post("/old").followRedirects(false).send().status());
        }

        @Test
        void keepsMethodAndBodyOn307() {
            Application app = blocking((scope, rc, sd) -> {
                HttpScope http = (HttpScope) scope;
                HttpRequest req = (HttpRequest) receive(rc);
                if (http.path().equals("/a")) {
                    send(sd, new HttpResponseStart(307, Headers.of("location", "b")));
                    send(sd, HttpResponseBody.last(Bytes.empty()));
                } else {
                    respond(sd, 200, http.method() + " " + http.path() + " " + req.body().utf8());
                }
            });
            TestResponse r = TestClient.of(app).put("/a").text("data").followRedirects(true).send();
            assertEquals("PUT /b data", r.text());
        }
    }

    @Nested
    class Streaming {
        @Test
        void readsTheFirstChunksOfAnEndlessResponseThenCancelsIt() throws Exception {
            CompletableFuture<DisconnectReason> reason = new CompletableFuture<>();
            List<Event> afterCancel = new CopyOnWriteArrayList<>();
            Application app = blocking((scope, rc, sd) -> {
                ((HttpScope) scope).connection().onDisconnect(reason::complete);
                receive(rc);
                send(sd, new HttpResponseStart(200, Headers.empty()));
                int i = 0;
                CompletableFuture<Event> next = rc.receive().toCompletableFuture();
                while (!next.isDone()) {
                    send(sd, HttpResponseBody.chunk(Bytes.ascii("tick " + i++ + "\n")));
                    Thread.sleep(5);
                }
                afterCancel.add(next.join());
            });
            try (StreamingResponse s = TestClient.of(app).get("/feed").stream()) {
                assertEquals(200, s.status());
                assertEquals(Optional.of(Bytes.ascii("tick 0\n")), s.nextChunk());
                assertEquals(Optional.of(Bytes.ascii("tick 1\n")), s.nextChunk());
                assertFalse(s.isComplete());
            }
            assertEquals(DisconnectReason.CLIENT_CLOSED, reason.get(5, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of(new HttpDisconnect()), afterCancel);
        }

        @Test
        void letsATestDisconnectMidRequestBody() throws Exception {
            CompletableFuture<List<Event>> seen = new CompletableFuture<>();
            Application app = blocking((scope, rc, sd) -> {
                List<Event> events = new ArrayList<>();
                Event e;
                do {
                    e = receive(rc);
                    events.add(e);
                } while (!(e instanceof HttpDisconnect));
                seen.complete(events);
            });
            try (StreamingResponse s = TestClient.of(app).post("/upload").openBody().stream()) {
                s.writeBody(Bytes.ascii("part1"), true);
                s.disconnect();
                assertFalse(s.connection().isConnected());
                assertEquals(Optional.of(DisconnectReason.CLIENT_CLOSED), s.connection().disconnectReason());
            }
            assertEquals(List.of(new HttpRequest(Bytes.ascii("part1"), true), new HttpDisconnect()), seen.get(5, java.util.concurrent.TimeUnit.SECONDS));
        }

        @Test
        void interruptsAnApplicationThatIgnoresTheDisconnect() {
            Application app = blocking((scope, rc, sd) -> {
                send(sd, new HttpResponseStart(200, Headers.empty()));
                while (true) {
                    send(sd, HttpResponseBody.chunk(Bytes.ascii("x")));
                    Thread.sleep(10); // interrupted when the client gives up
                }
            });
            TestClient client = TestClient.builder(app).timeout(Apps.AFTER_A_STEP).build();
            try (StreamingResponse s = client.get("/").stream()) {
                assertEquals(Optional.of(Bytes.ascii("x")), s.nextChunk());
            }
        }

        @Test
        void firesOnCompleteAndNotOnDisconnectForADeliveredResponse() {
            List<String> calls = new CopyOnWriteArrayList<>();
            Application app = blocking((scope, rc, sd) -> {
                var conn = ((HttpScope) scope).connection();
                conn.onComplete(() -> calls.add("complete"));
                conn.onDisconnect(r -> calls.add("disconnect " + r));
                receive(rc);
                respond(sd, 200, "ok");
                calls.add("after: " + receive(rc).type() + " started=" + conn.responseStarted() + " complete="
                        + conn.responseComplete());
            });
            TestClient.of(app).get("/").send();
            assertEquals(List.of("complete", "after: http.disconnect started=true complete=true"), calls);
        }
    }

    @Nested
    class Misbehaviour {
        @Test
        void failsABodyBeforeTheStartNamingTheRule() {
            Application app = blocking((scope, rc, sd) -> send(sd, HttpResponseBody.last(Bytes.ascii("x"))));
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> TestClient.of(app).get("/").send());
            assertEquals("http: expected http.response.start, got http.response.body (the response must start before"
                    + " its body) [state AWAITING_START]", e.getMessage());
        }

        @Test
        void failsAFlushBeforeTheStart() {
            Application app = blocking((scope, rc, sd) -> send(sd, new HttpFullFlush()));
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> TestClient.of(app).get("/").send());
            assertTrue(e.getMessage().contains("anything to flush"), e.getMessage());
        }

        @Test
        void failsADuplicateStart() {
            Application app = blocking((scope, rc, sd) -> {
                send(sd, new HttpResponseStart(200, Headers.empty()));
                send(sd, new HttpResponseStart(200, Headers.empty()));
            });
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> TestClient.of(app).get("/").send());
            assertTrue(e.getMessage().contains("duplicate http.response.start"), e.getMessage());
        }

        @Test
        void failsASendAfterTheResponseIsComplete() {
            Application app = blocking((scope, rc, sd) -> {
                respond(sd, 200, "done");
                send(sd, HttpResponseBody.last(Bytes.ascii("more")));
            });
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> TestClient.of(app).get("/").send());
            assertTrue(e.getMessage().contains("the response is already complete"), e.getMessage());
        }

        @Test
        void failsTrailersThatWereNotDeclared() {
            Application app = blocking((scope, rc, sd) -> {
                send(sd, new HttpResponseStart(200, Headers.empty()));
                send(sd, new HttpResponseTrailers(Headers.empty()));
            });
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> TestClient.of(app).get("/").send());
            assertTrue(e.getMessage().contains("trailers need trailers=true"), e.getMessage());
        }

        @Test
        void reportsAnApplicationThatNeverResponds() {
            Application app = (scope, rc, sd) -> new CompletableFuture<>();
            TestClient client = TestClient.builder(app).timeout(Duration.ofMillis(150)).build();
            PagiTestTimeoutException e = assertThrows(PagiTestTimeoutException.class, () -> client.get("/").send());
            assertTrue(e.getMessage().startsWith("timed out after PT0.15S waiting for http.response.start"),
                    e.getMessage());
        }

        @Test
        void reportsAnApplicationThatReturnsWithoutAResponse() {
            Application app = (scope, rc, sd) -> Apps.done();
            AssertionError e = assertThrows(AssertionError.class, () -> TestClient.of(app).get("/").send());
            assertTrue(e.getMessage().startsWith("the application returned without sending http.response.start"),
                    e.getMessage());
        }

        @Test
        void answersA500BackstopInServerMode() {
            Application app = (scope, rc, sd) -> Apps.done();
            TestResponse r = TestClient.builder(app).raiseAppExceptions(false).build().get("/").send();
            assertEquals(500, r.status());
            assertEquals("Internal Server Error", r.text());
        }

        @Test
        void rethrowsAnApplicationExceptionIntoTheTest() {
            Application app = blocking((scope, rc, sd) -> {
                throw new IllegalStateException("boom");
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestClient.of(app).get("/").send());
            assertEquals("boom", e.getMessage());
        }

        @Test
        void wrapsACheckedApplicationException() {
            Application app = blocking((scope, rc, sd) -> {
                throw new IOException("disk");
            });
            ApplicationFailedException e = assertThrows(ApplicationFailedException.class,
                    () -> TestClient.of(app).get("/").send());
            assertInstanceOf(IOException.class, e.getCause());
        }

        @Test
        void rethrowsAnExceptionThrownDirectlyFromCall() {
            Application app = (scope, rc, sd) -> {
                throw new UnsupportedOperationException("sync throw");
            };
            assertThrows(UnsupportedOperationException.class, () -> TestClient.of(app).get("/").send());
        }

        @Test
        void answers500ForAnExceptionBeforeTheStartInServerMode() {
            Application app = blocking((scope, rc, sd) -> {
                throw new IllegalStateException("boom");
            });
            TestResponse r = TestClient.builder(app).raiseAppExceptions(false).build().get("/").send();
            assertEquals(500, r.status());
        }

        @Test
        void abortsTheResponseForAnExceptionAfterTheStartInServerMode() {
            Application app = blocking((scope, rc, sd) -> {
                send(sd, new HttpResponseStart(200, Headers.empty()));
                send(sd, HttpResponseBody.chunk(Bytes.ascii("partial")));
                throw new IllegalStateException("mid-body");
            });
            TestResponse r = TestClient.builder(app).raiseAppExceptions(false).build().get("/").send();
            assertEquals(200, r.status());
            assertTrue(r.aborted());
            assertEquals("partial", r.text());
        }

        @Test
        void reportsAResponseLeftUnfinished() {
            Application app = blocking((scope, rc, sd) -> {
                send(sd, new HttpResponseStart(200, Headers.empty()));
                send(sd, HttpResponseBody.chunk(Bytes.ascii("partial")));
            });
            AssertionError e = assertThrows(AssertionError.class, () -> TestClient.of(app).get("/").send());
            assertTrue(e.getMessage().contains("returned before its response was complete"), e.getMessage());
        }

        @Test
        void reportsAStageThatIsNull() {
            Application app = (scope, rc, sd) -> null;
            NullPointerException e = assertThrows(NullPointerException.class, () -> TestClient.of(app).get("/").send());
            assertTrue(e.getMessage().contains("returned null"), e.getMessage());
        }

        @Test
        void refusesAnInformationalStatusAsTheResponseStart() {
            Application app = blocking((scope, rc, sd) -> send(sd, new HttpResponseStart(103, Headers.empty())));
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> TestClient.of(app).get("/").send());
            assertTrue(e.getMessage().contains("informational"), e.getMessage());
        }
    }
}
