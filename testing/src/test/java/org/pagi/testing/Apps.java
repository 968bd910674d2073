package org.pagi.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/** Small applications shared by the test client's tests, written in the blocking style a virtual thread allows. */
final class Apps {
    /**
     * The client timeout of a test that must first take a step within it (open, connect, startup, a first chunk)
     * before it lets the timeout run out: long enough for that step on a loaded machine.
     */
    static final Duration AFTER_A_STEP = Duration.ofSeconds(2);

    private Apps() {
    }

    /** The body of a blocking-style application. */
    @FunctionalInterface
    interface Blocking {
        void run(Scope scope, Receive receive, Send send) throws Exception;
    }

    /** @return an application that runs {@code body} and completes when it returns (or fails when it throws) */
    static Application blocking(Blocking body) {
        return (scope, receive, send) -> {
            try {
                body.run(scope, receive, send);
                return CompletableFuture.completedFuture(null);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    static Event receive(Receive receive) {
        return receive.receive().toCompletableFuture().join();
    }

    static void send(Send send, Event event) {
        send.send(event).toCompletableFuture().join();
    }

    /** Sends a complete text/plain response. */
    static void respond(Send send, int status, String text) {
        send(send, new HttpResponseStart(status, Headers.of("content-type", "text/plain; charset=utf-8")));
        send(send, HttpResponseBody.last(Bytes.utf8(text)));
    }

    static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
