package org.pagi.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/** Applications for the server's black-box tests, in the blocking style (run with virtual threads). */
final class TestApps {
    private TestApps() {
    }

    @FunctionalInterface
    interface Http {
        void handle(HttpScope scope, Receive receive, Send send) throws Exception;
    }

    /** The blocking body of an application for one scope type. */
    @FunctionalInterface
    interface Body<S extends Scope> {
        void handle(S scope, Receive receive, Send send) throws Exception;
    }

    /** @return an application serving http with {@code body} on the calling thread and declining lifespan */
    static Application http(Http body) {
        return serving(HttpScope.class, body::handle, Runnable::run);
    }

    /**
     * @return an application serving {@code type} scopes with {@code body} on a virtual thread of its own, so it
     *         may block in either execution mode; other scopes (lifespan too) are declined
     */
    static <S extends Scope> Application onVirtualThread(Class<S> type, Body<S> body) {
        return serving(type, body, task -> Thread.ofVirtual().start(task));
    }

    private static <S extends Scope> Application serving(Class<S> type, Body<S> body,
            java.util.concurrent.Executor where) {
        return (scope, receive, send) -> {
            if (!type.isInstance(scope)) {
                return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
            }
            return CompletableFuture.runAsync(() -> {
                try {
                    body.handle(type.cast(scope), receive, send);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, where);
        };
    }

    static Event receive(Receive r) {
        return r.receive().toCompletableFuture().join();
    }

    static void send(Send s, Event e) {
        s.send(e).toCompletableFuture().join();
    }

    /** @return the whole request body, read piece by piece; counts the pieces in {@code pieces} when given */
    static Bytes readBody(Receive r, java.util.List<Integer> pieces) {
        Bytes all = Bytes.empty();
        while (true) {
            Event e = receive(r);
            if (!(e instanceof HttpRequest req)) {
                return all;
            }
            if (pieces != null) {
                pieces.add(req.body().length());
            }
            all = all.concat(req.body());
            if (!req.more()) {
                return all;
            }
        }
    }

    static void text(Send s, int status, String body) {
        send(s, new HttpResponseStart(status, Headers.of("content-type", "text/plain")));
        send(s, HttpResponseBody.last(Bytes.utf8(body)));
    }

    /** An application that answers every request with its method and path, non-blocking (event-loop safe). */
    static final Application ECHO_PATH = (scope, receive, send) -> switch (scope) {
        case HttpScope http -> receive.receive()
                .thenCompose(e -> send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain"))))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(http.method() + " " + http.path()))));
        case LifespanScope life -> CompletableFuture.failedFuture(new UnsupportedScopeException(life));
        default -> CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
    };

    static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    static Scope unused(Scope s) {
        return s;
    }
}
