package org.pagi.compliance.property;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.LifespanShutdownFailedException;
import org.pagi.testing.LifespanStartupFailedException;
import org.pagi.testing.PagiTestTimeoutException;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseRequestBuilder;
import org.pagi.testing.SseStream;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.testing.WebSocketSession;

/**
 * The in-process test client ({@code testing}) as a {@link PagiHost}: no bytes, no socket, the application driven
 * through the client's fake {@code receive} and {@code send}, with {@code raiseAppExceptions(false)} so that it
 * answers failures as a server would.
 *
 * <p>The test client reports an application's order violation by throwing it into the test, at the read that
 * meets it. This host catches it and reads on, as a server would carry on, where the client lets it: an HTTP
 * response, an open WebSocket, a started SSE stream. Before a WebSocket handshake answer, an SSE start or a
 * lifespan startup answer the client cannot go on (it has no session to read from yet), so the host reports
 * nothing ({@code Optional.empty()}) and the contracts check the application's side only.
 */
final class TestClientHost implements PagiHost {
    /** Shorter than the scripts' patience, so the client gives up before the application would. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern CLOSE_CODE = Pattern.compile("closed the WebSocket with code (\\d+)");

    @Override
    public Set<Scope> scopes() {
        return EnumSet.allOf(Scope.class);
    }

    private static TestClient client(Application app) {
        return TestClient.builder(app).raiseAppExceptions(false).timeout(TIMEOUT).build();
    }

    @Override
    public HttpSeen http(Application app, HttpPlan plan) {
        StreamingResponse response = client(app).post("/").openBody().stream();
        List<Bytes> body = plan.body();
        int pieces = plan.leaveAfter().orElse(body.size());
        for (int i = 0; i < pieces; i++) {
            response.writeBody(body.get(i), i < body.size() - 1);
        }
        if (plan.leaveAfter().isPresent()) {
            response.disconnect();
            return HttpSeen.left();
        }
        if (body.isEmpty()) {
            response.writeBody(Bytes.empty(), false);
        }
        while (true) {
            try {
                return seen(response.readAll());
            } catch (IllegalStateException | IllegalArgumentException violation) {
                // the application's order violation (IllegalEventOrderException is an IllegalStateException):
                // its send failed; a server carries on, and so does this client
            }
        }
    }

    @Override
    public Optional<WebSocketSeen> websocket(Application app, WebSocketPlan plan) {
        WebSocketHandshake handshake;
        try {
            handshake = client(app).websocket("/ws").tryConnect();
        } catch (IllegalStateException | IllegalArgumentException violation) {
            return Optional.empty(); // the client stops at a violation before the answer: nothing to read from
        }
        return Optional.of(switch (handshake) {
            case WebSocketHandshake.Denied d -> WebSocketSeen.refused(d.status(), d.body(), Optional.empty());
            case WebSocketHandshake.Accepted a -> session(a.session(), plan);
        });
    }

    private static WebSocketSeen session(WebSocketSession ws, WebSocketPlan plan) {
        for (WebSocketMessage m : plan.messages()) {
            switch (m) {
                case WebSocketMessage.Text t -> ws.sendText(t.text());
                case WebSocketMessage.Binary b -> ws.sendBytes(b.bytes());
            }
        }
        List<WebSocketMessage> got = new ArrayList<>();
        Optional<WebSocketSeen.Closed> close = Optional.empty();
        int wanted = plan.leave().map(WebSocketPlan.Leave::afterMessages).orElse(Integer.MAX_VALUE);
        while (close.isEmpty() && got.size() < wanted) {
            try {
                got.add(ws.receive());
            } catch (PagiTestTimeoutException slow) {
                throw slow;
            } catch (AssertionError closed) {
                close = Optional.of(closeOf(ws, closed));
            } catch (IllegalStateException | IllegalArgumentException violation) {
                // the application's send failed; read on
            }
        }
        try {
            Optional<WebSocketClose> leave = plan.leave().flatMap(WebSocketPlan.Leave::close);
            if (plan.leave().isPresent() && leave.isEmpty()) {
                ws.disconnect();
            } else {
                WebSocketClose c = leave.orElse(new WebSocketClose());
                ws.close(c.code(), c.reason()); // after the server's close: the client's answer, already given
            }
        } catch (IllegalStateException | IllegalArgumentException violation) {
            // a violation the application committed while winding down; its send failed
        }
        return WebSocketSeen.accepted(got, close);
    }

    /**
     * The session has no accessor for the server's close; {@code receive()} names its code when it meets one, and
     * {@code expectClose(code)} then returns it whole.
     */
    private static WebSocketSeen.Closed closeOf(WebSocketSession ws, AssertionError closed) {
        Matcher m = CLOSE_CODE.matcher(String.valueOf(closed.getMessage()));
        if (!m.find()) {
            throw closed;
        }
        WebSocketClose close = ws.expectClose(Integer.parseInt(m.group(1)));
        return new WebSocketSeen.Closed(close.code(), close.reason());
    }

    @Override
    public Optional<SseSeen> sse(Application app, SsePlan plan) {
        SseRequestBuilder request = client(app).sse("/events");
        if (!plan.body().isEmpty()) {
            request.method("POST").body(plan.body());
        }
        SseStream stream;
        try {
            stream = request.open();
        } catch (IllegalStateException | IllegalArgumentException violation) {
            return Optional.empty(); // the client stops at a violation before the start: nothing to read from
        }
        if (stream.declined()) {
            return Optional.of(new SseSeen(stream.status(), stream.headers(), List.of(), stream.body(),
                    Optional.empty()));
        }
        List<SseSeen.Event> events = new ArrayList<>();
        int wanted = plan.leaveAfter().orElse(Integer.MAX_VALUE);
        boolean ended = false;
        while (!ended && events.size() < wanted) {
            try {
                SseMessage m = stream.next();
                events.add(new SseSeen.Event(m.event(), m.data(), m.id(), m.retry()));
            } catch (PagiTestTimeoutException slow) {
                throw slow;
            } catch (AssertionError end) {
                ended = true; // the stream ended
            } catch (IllegalStateException | IllegalArgumentException violation) {
                // the application's send failed; read on
            }
        }
        try {
            stream.close();
        } catch (IllegalStateException | IllegalArgumentException violation) {
            // a violation the application committed while winding down; its send failed
        }
        return Optional.of(new SseSeen(stream.status(), stream.headers(), events, Bytes.empty(), Optional.empty()));
    }

    @Override
    public LifespanSeen lifespan(Application app) {
        LifespanSession life = client(app).lifespan();
        LifespanSeen.Answer startup;
        try {
            life.startup();
            startup = LifespanSeen.Answer.of(life.supported() ? LifespanSeen.Answer.Kind.COMPLETE
                    : LifespanSeen.Answer.Kind.NONE);
        } catch (LifespanStartupFailedException failed) {
            return new LifespanSeen(Optional.of(new LifespanSeen.Answer(LifespanSeen.Answer.Kind.FAILED,
                    failed.reason())), Optional.empty());
        } catch (IllegalStateException | IllegalArgumentException violation) {
            return new LifespanSeen(Optional.empty(), Optional.empty()); // the client stops at the violation
        }
        Optional<LifespanSeen.Answer> shutdown = Optional.empty(); // a complete shutdown and none look the same
        if (startup.kind() == LifespanSeen.Answer.Kind.COMPLETE) {
            try {
                life.shutdown();
            } catch (LifespanShutdownFailedException failed) {
                shutdown = Optional.of(new LifespanSeen.Answer(LifespanSeen.Answer.Kind.FAILED, failed.reason()));
            } catch (IllegalStateException | IllegalArgumentException violation) {
                // the application's send failed; the client stopped there
            }
        }
        return new LifespanSeen(Optional.of(startup), shutdown);
    }

    private static HttpSeen seen(TestResponse r) {
        return r.aborted() ? HttpSeen.aborted(r.status(), r.headers(), r.body())
                : HttpSeen.complete(r.status(), r.headers(), r.body(), r.trailers());
    }
}
