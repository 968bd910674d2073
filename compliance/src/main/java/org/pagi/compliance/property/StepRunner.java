package org.pagi.compliance.property;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseRequest;
import org.pagi.spec.event.WebSocketDisconnect;

/**
 * Carries out the steps of one application call and records them in its {@link Trace}: the part
 * {@link ScriptedApp} (a whole script) and {@link StepwiseApp} (one step at a time) share. Runs on the
 * application's thread only.
 */
final class StepRunner {
    private final Scope scope;
    private final Receive receive;
    private final Send send;
    private final Trace trace;
    private final Duration patience;

    StepRunner(Scope scope, Receive receive, Send send, Trace trace, Duration patience) {
        this.scope = scope;
        this.receive = receive;
        this.send = send;
        this.trace = trace;
        this.patience = patience;
    }

    /**
     * Runs step {@code index}.
     *
     * @return how the call ends here, or empty when it goes on
     */
    Optional<Trace.End> run(int index, Step step) {
        return switch (step) {
            case Step.Send s -> {
                send(index, s.event());
                yield Optional.empty();
            }
            case Step.Receive r -> receive(index).isEmpty() ? Optional.of(Trace.End.RETURNED) : Optional.empty();
            case Step.ReadBody r -> readBody(index) ? Optional.empty() : Optional.of(Trace.End.RETURNED);
            case Step.AwaitDisconnect a -> awaitDisconnect(index, a.extra()) ? Optional.empty()
                    : Optional.of(Trace.End.RETURNED);
            case Step.Fail f -> Optional.of(Trace.End.FAILED);
            case Step.FailAtCall f -> Optional.of(Trace.End.FAILED); // only first, and call() handles it there
            case Step.Return r -> Optional.of(Trace.End.RETURNED);
        };
    }

    private void send(int step, Event event) {
        Optional<Throwable> failure;
        try {
            send.send(event).toCompletableFuture().get(patience.toNanos(), TimeUnit.NANOSECONDS);
            failure = Optional.empty();
        } catch (ExecutionException e) {
            failure = Optional.of(unwrap(e));
        } catch (TimeoutException e) {
            failure = Optional.of(new TimeoutException("the send did not complete within " + patience));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = Optional.of(e);
        } catch (RuntimeException thrownBySend) {
            failure = Optional.of(thrownBySend); // a send that throws instead of failing its stage
        }
        trace.add(new Trace.Sent(step, event, failure));
    }

    /** @return the event, or empty after recording why there is none (the script then stops) */
    private Optional<Event> receive(int step) {
        Event event;
        try {
            event = receive.receive().toCompletableFuture().get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            trace.add(new Trace.ReceiveFailed(step, "the receive failed: " + unwrap(e)));
            return Optional.empty();
        } catch (TimeoutException e) {
            trace.add(new Trace.ReceiveFailed(step, "nothing arrived within " + patience));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            trace.add(new Trace.ReceiveFailed(step, "interrupted"));
            return Optional.empty();
        } catch (RuntimeException thrown) {
            trace.add(new Trace.ReceiveFailed(step, "receive() threw " + thrown));
            return Optional.empty();
        }
        if (event == null) {
            trace.add(new Trace.ReceiveFailed(step, "the receive yielded null"));
            return Optional.empty();
        }
        Optional<Trace.Connection> connection = Optional.empty();
        if (event instanceof HttpDisconnect && scope instanceof HttpScope http) {
            connection = Optional.of(new Trace.Connection(http.connection().isConnected(),
                    http.connection().disconnectReason()));
        }
        trace.add(new Trace.Received(step, event, connection));
        return Optional.of(event);
    }

    private boolean readBody(int step) {
        while (true) {
            Optional<Event> event = receive(step);
            if (event.isEmpty()) {
                return false;
            }
            switch (event.get()) {
                case HttpRequest r when r.more() -> {
                    // more to come
                }
                case SseRequest r when r.more() -> {
                    // more to come
                }
                default -> {
                    return true; // the last piece, a disconnect, or something else the replay will report
                }
            }
        }
    }

    private boolean awaitDisconnect(int step, int extra) {
        while (true) {
            Optional<Event> event = receive(step);
            if (event.isEmpty()) {
                return false;
            }
            if (isDisconnect(event.get())) {
                break;
            }
        }
        for (int i = 0; i < extra; i++) {
            if (receive(step).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    static boolean isDisconnect(Event e) {
        return e instanceof HttpDisconnect || e instanceof WebSocketDisconnect || e instanceof SseDisconnect;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
