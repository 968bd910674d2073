package org.pagi.examples.streamingresponse;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.ConnectionState;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;

/**
 * A response streamed in pieces: after reading the whole request body it sends {@code 200},
 * {@code content-type: text/plain}, then {@code Chunk 1\n}, {@code Chunk 2\n} and {@code Chunk 3\n} as three
 * {@code http.response.body} events (the last with {@code more = false}), pausing between them (one second by
 * default). When the request says {@code TE: trailers}, the start declares trailers and the trailer field
 * {@code x-stream-complete: 1} ends the response.
 *
 * <p>If the client goes away, during the request body or a pause, it stops at once: it watches
 * {@code pagi.connection} ({@link ConnectionState#disconnectFuture()}) rather than taking an event from
 * {@code receive}, which could swallow a piece of the body.
 *
 * <p>Each call runs on a virtual thread of its own and waits with {@code join()}, so the code reads top to
 * bottom; the server's thread is never blocked, in either execution mode. Serves {@code http} scopes only.
 * Immutable and thread-safe.
 */
public final class App implements Application {
    /** The pause between chunks when none is given: long enough to watch the chunks arrive with {@code curl -N}. */
    public static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);

    static final List<Bytes> CHUNKS =
            List.of(Bytes.utf8("Chunk 1\n"), Bytes.utf8("Chunk 2\n"), Bytes.utf8("Chunk 3\n"));
    static final Headers TRAILERS = Headers.of("x-stream-complete", "1");

    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("streaming-response").start(task);

    private final Duration pause;

    /** Streams with {@link #DEFAULT_PAUSE} between chunks, as {@code bin/pagi-server --app} creates it. */
    public App() {
        this(DEFAULT_PAUSE);
    }

    /** @param pause how long to wait between chunks; zero or more */
    public App(Duration pause) {
        if (Objects.requireNonNull(pause, "pause").isNegative()) {
            throw new IllegalArgumentException("pause must not be negative, got " + pause);
        }
        this.pause = pause;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof HttpScope http)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        return CompletableFuture.runAsync(() -> stream(http, receive, send), VIRTUAL_THREADS);
    }

    private void stream(HttpScope http, Receive receive, Send send) {
        if (!readWholeBody(receive)) {
            return; // the client left while sending its body: nobody is left to answer
        }
        boolean trailers = acceptsTrailers(http.headers());
        await(send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain"), trailers)));
        for (int i = 0; i < CHUNKS.size(); i++) {
            boolean last = i == CHUNKS.size() - 1;
            await(send.send(new HttpResponseBody(CHUNKS.get(i), !last)));
            if (!last && !pauseWhileConnected(http.connection())) {
                return; // the client left mid-stream: the rest would go nowhere
            }
        }
        if (trailers) {
            await(send.send(new HttpResponseTrailers(TRAILERS)));
        }
    }

    /** @return true once the body is read; false if {@code http.disconnect} came first */
    private static boolean readWholeBody(Receive receive) {
        while (await(receive.receive()) instanceof HttpRequest piece) {
            if (!piece.more()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Trailers only reach a client that says it keeps them: {@code TE: trailers} (RFC 9110 section 10.1.4).
     * Without it a server may drop them, or the client may never see them.
     */
    static boolean acceptsTrailers(Headers headers) {
        return headers.all("te").stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .anyMatch(token -> token.strip().toLowerCase(Locale.ROOT).equals("trailers"));
    }

    /** @return true after the pause; false as soon as the client disconnects */
    private boolean pauseWhileConnected(ConnectionState connection) {
        try {
            connection.disconnectFuture().toCompletableFuture().get(pause.toNanos(), TimeUnit.NANOSECONDS);
            return false;
        } catch (TimeoutException stillConnected) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is cancelling the call
            return false;
        } catch (ExecutionException e) {
            return false; // the stage never fails; if it did, the connection is no use either
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
