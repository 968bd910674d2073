package org.pagi.middleware;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseStart;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.HeadSend;
import org.pagi.wrappers.routing.Middleware;

/**
 * Answers {@code 503 Service Unavailable} when a handler has not started its response within the timeout: for
 * {@code http} the {@code http.response.start}, for {@code sse} the {@code sse.start} (a stream refused before it
 * began gets a plain 503 response). A response or stream already started is never touched, however long it runs.
 * The handler is not interrupted: it keeps running, and every {@code send} it makes after the 503 fails with
 * {@link TimedOutException}, which tells it to stop. The call this middleware returns completes once the 503 is
 * sent, so the server finishes the exchange without waiting for the late handler. Deadlines run on one daemon
 * scheduler thread per instance, never a thread per request; {@link #close} stops it. WebSocket and lifespan
 * scopes pass through.
 */
public final class Timeout implements Middleware, AutoCloseable {

    /** The body of the 503 answer. */
    static final String BODY = "Request timed out.";
    private static final int PENDING = 0;
    /** The response started or the handler ended: the deadline no longer applies. */
    private static final int SETTLED = 1;
    private static final int TIMED_OUT = 2;

    private final Config config;
    private final ScheduledThreadPoolExecutor scheduler;

    private Timeout(Config config) {
        this.config = config;
        this.scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "pagi-timeout");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** A builder; the default timeout is 30 seconds. */
    public static Builder builder() {
        return new Builder();
    }

    /** This middleware's configuration. */
    public Config config() {
        return config;
    }

    /** Stops the scheduler thread; requests still waiting are no longer timed. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** Deadlines scheduled and not yet fired or cancelled (a started response cancels its own). */
    int pendingDeadlines() {
        return scheduler.getQueue().size();
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> switch (scope) {
            case HttpScope http -> timed(next, http, receive, send);
            case SseScope sse -> timed(next, sse, receive, send);
            default -> next.call(scope, receive, send);
        };
    }

    private CompletionStage<Void> timed(Application next, RequestScope scope, Receive receive, Send send) {
        AtomicInteger state = new AtomicInteger(PENDING);
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledFuture<?> deadline = scheduler.schedule(() -> {
            if (state.compareAndSet(PENDING, TIMED_OUT)) {
                refuse(scope, send).whenComplete((v, e) -> finish(done, e));
            }
        }, config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        Send guarded = event -> {
            if (isStart(event) && state.compareAndSet(PENDING, SETTLED)) {
                deadline.cancel(false);
            }
            if (state.get() == TIMED_OUT) {
                return CompletableFuture.failedFuture(new TimedOutException(config.timeout()));
            }
            return send.send(event);
        };
        CompletionStage<Void> handler;
        try {
            handler = next.call(scope, receive, guarded);
        } catch (RuntimeException e) {
            handler = CompletableFuture.failedFuture(e);
        }
        handler.whenComplete((v, e) -> {
            // A handler that ends before the deadline settles the call (even without a response: the server
            // answers that); after a 503 its outcome no longer matters.
            if (state.compareAndSet(PENDING, SETTLED) || state.get() == SETTLED) {
                deadline.cancel(false);
                finish(done, e);
            }
        });
        return done;
    }

    private static void finish(CompletableFuture<Void> done, Throwable error) {
        if (error == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(error);
        }
    }

    private static boolean isStart(Event event) {
        return event instanceof HttpResponseStart || event instanceof SseStart || event instanceof SseHttpResponseStart;
    }

    private static CompletionStage<Void> refuse(Scope scope, Send send) {
        if (scope instanceof HttpScope http) {
            return Response.text(BODY).withStatus(503)
                    .respond(http, "HEAD".equals(http.method()) ? new HeadSend(send) : send);
        }
        Bytes body = Bytes.utf8(BODY);
        return send.send(new SseHttpResponseStart(503, Headers.of("content-type", "text/plain; charset=utf-8",
                        "content-length", Integer.toString(body.length()))))
                .thenCompose(v -> send.send(new SseHttpResponseBody(body, false)));
    }

    /**
     * The timeout policy.
     *
     * @param timeout how long a handler has to start its response (default 30 s)
     */
    public record Config(Duration timeout) {

        /** Validates the timeout; the message names it. */
        public Config {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout: must be positive, got " + timeout);
            }
        }
    }

    /** Builds a {@link Timeout}. */
    public static final class Builder {
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** How long a handler has to start its response (default 30 s). */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /**
         * The middleware, with its scheduler thread started.
         *
         * @throws IllegalArgumentException naming {@code timeout} when it is not positive
         */
        public Timeout build() {
            return new Timeout(new Config(timeout));
        }
    }

    /** What a handler's {@code send} fails with once its request was answered 503 for taking too long. */
    public static final class TimedOutException extends IllegalStateException {

        /** The exception for a handler that exceeded {@code timeout}. */
        public TimedOutException(Duration timeout) {
            super("timeout: the response did not start within " + timeout + " and was answered 503");
        }
    }
}
