package org.pagi.wrappers.sse;

import java.time.Duration;
import java.util.function.Consumer;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.response.Response;

/**
 * The blocking view of an {@link Sse}: the same method names, each waiting until the server took the event (via
 * {@link Blocking#await}, so it fails at once on an I/O event loop thread, having sent nothing). Failures are
 * thrown as they are: {@link SseDisconnectedException} after the client went away, {@link IllegalStateException}
 * and {@link IllegalArgumentException} for misuse. Scope accessors are on {@link #sse()}.
 *
 * @param sse the stream this view waits on
 */
public record BlockingSse(Sse sse) {

    /** Starts the stream with 200. */
    public void start() {
        Blocking.requireBlockingAllowed();
        Blocking.await(sse.start());
    }

    /** Starts the stream with {@code status} and {@code headers}. */
    public void start(int status, Headers headers) {
        Blocking.requireBlockingAllowed();
        Blocking.await(sse.start(status, headers));
    }

    /** Sends an unnamed event carrying {@code data}. */
    public void send(String data) {
        Blocking.requireBlockingAllowed();
        Blocking.await(sse.send(data));
    }

    /** Sends {@code event}. */
    public void send(ServerEvent event) {
        Blocking.requireBlockingAllowed();
        Blocking.await(sse.send(event));
    }

    /** Sends {@code value} as JSON data. */
    public void sendJson(Object value) {
        Blocking.requireBlockingAllowed();
        Blocking.await(sse.sendJson(value));
    }

    /** @return whether the event was sent; {@code false} when the client has gone or the stream ended */
    public boolean trySend(String data) {
        Blocking.requireBlockingAllowed();
        return Blocking.await(sse.trySend(data));
    }

    /** @return whether the event was sent; {@code false} when the client has gone or the stream ended */
    public boolean trySend(ServerEvent event) {
        Blocking.requireBlockingAllowed();
        return Blocking.await(sse.trySend(event));
    }

    /** @return whether the JSON event was sent; {@code false} when the client has gone or the stream ended */
    public boolean trySendJson(Object value) {
        Blocking.requireBlockingAllowed();
        return Blocking.await(sse.trySendJson(value));
    }

    /** Sends a comment line. */
    public void comment(String text) {
        Blocking.requireBlockingAllowed();
        Blocking.await(sse.comment(text));
    }

    /** Has the server write a bare {@code :} comment every {@code interval}; zero stops it. */
    public void keepalive(Duration interval) {
        Blocking.requireBlockingAllowed();
        Blocking.await(sse.keepalive(interval));
    }

    /** Has the server write {@code comment} every {@code interval}; zero stops it. */
    public void keepalive(Duration interval, String comment) {
        Blocking.requireBlockingAllowed();
        Blocking.await(sse.keepalive(interval, comment));
    }

    /**
     * Runs {@code task} (which may block and call this view) every {@code interval} on a virtual thread until
     * the stream ends or it fails; see {@link Periodic}. Returns at once.
     */
    public Periodic every(Duration interval, Periodic.Task task) {
        return sse.everyTask(interval, task);
    }

    /** Ends the stream; idempotent. */
    public void close() {
        Blocking.requireBlockingAllowed();
        Blocking.await(sse.close());
    }

    /** Answers with {@code response} instead of a stream. */
    public void decline(Response response) {
        Blocking.requireBlockingAllowed();
        Blocking.await(sse.decline(response));
    }

    /**
     * Waits until the client disconnects and returns why: a handler that only pushes from elsewhere parks here.
     * Never returns after a {@link #decline} (no disconnect follows one).
     */
    public DisconnectReason disconnected() {
        return Blocking.await(sse.disconnected());
    }

    /** Runs {@code callback} once when the client disconnects; see {@link Sse#onDisconnect}. */
    public BlockingSse onDisconnect(Consumer<DisconnectReason> callback) {
        sse.onDisconnect(callback);
        return this;
    }

    /** Whether events can still be sent. */
    public boolean isConnected() {
        return sse.isConnected();
    }
}
