package org.pagi.examples.ssebroadcaster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;

/**
 * A short Server-Sent Events stream: {@code sse.start} (200, {@code content-type: text/event-stream}) at once,
 * then three events, each after a pause (one second by default): {@code tick} with data {@code 1}, {@code tick}
 * with {@code 2}, and {@code done} with {@code finished}. The events carry no {@code id} or {@code retry}, so a
 * client that reconnects starts over. After the last event it returns, which ends the stream.
 *
 * <p>Every stream is independent: despite the example's name, nothing is shared between clients. The request
 * (method, path, {@code last-event-id}, body) does not change what is sent.
 *
 * <p>If the client goes away ({@code sse.disconnect}), it stops at once, even in the middle of a pause. An
 * {@code sse} scope has no {@code pagi.connection}, so the only way to notice is to keep a {@code receive}
 * pending: during each pause it waits on that stage with the pause as its timeout, skipping the request body
 * ({@code sse.request}) that comes first.
 *
 * <p>Each call runs on a virtual thread of its own and waits with {@code join()}, so the code reads top to
 * bottom; the server's thread is never blocked, in either execution mode. Serves {@code sse} scopes only.
 * Immutable and thread-safe.
 */
public final class App implements Application {
    /** The pause before each event when none is given: long enough to watch them arrive with {@code curl -N}. */
    public static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);

    static final SseStart START = new SseStart(200, Headers.of("content-type", "text/event-stream"));
    static final List<SseSend> EVENTS =
            List.of(SseSend.event("tick", "1"), SseSend.event("tick", "2"), SseSend.event("done", "finished"));

    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("sse-broadcaster").start(task);

    private final Duration pause;

    /** Streams with {@link #DEFAULT_PAUSE} before each event, as {@code bin/pagi-server --app} creates it. */
    public App() {
        this(DEFAULT_PAUSE);
    }

    /** @param pause how long to wait before each event; zero or more */
    public App(Duration pause) {
        if (Objects.requireNonNull(pause, "pause").isNegative()) {
            throw new IllegalArgumentException("pause must not be negative, got " + pause);
        }
        this.pause = pause;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof SseScope)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        return CompletableFuture.runAsync(() -> stream(receive, send), VIRTUAL_THREADS);
    }

    private void stream(Receive receive, Send send) {
        await(send.send(START));
        ClientWatch client = new ClientWatch(receive);
        for (SseSend event : EVENTS) {
            if (client.leavesWithin(pause)) {
                return; // the client is gone: the rest would go nowhere
            }
            await(send.send(event));
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /**
     * Watches one stream's {@code receive} for {@code sse.disconnect}, keeping at most one {@code receive} pending
     * (calls must not overlap) and carrying it from one pause to the next. A stage left pending when the stream
     * ends is harmless: the server completes or drops it when it cleans up. Used by one thread.
     */
    private static final class ClientWatch {
        private final Receive receive;
        private CompletableFuture<Event> pending;

        ClientWatch(Receive receive) {
            this.receive = receive;
        }

        /** @return true as soon as the client leaves; false if it is still there after {@code wait} */
        boolean leavesWithin(Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                if (pending == null) {
                    pending = receive.receive().toCompletableFuture();
                }
                try {
                    Event event = pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    pending = null;
                    if (event instanceof SseDisconnect) {
                        return true;
                    }
                    // Otherwise sse.request: a piece of the request body, which this stream does not use.
                } catch (TimeoutException stillThere) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the server is cancelling the call: stop like a disconnect
                    return true;
                } catch (ExecutionException e) {
                    throw new CompletionException(e.getCause()); // a failed receive is the server's bug; surface it
                }
            }
        }
    }
}
