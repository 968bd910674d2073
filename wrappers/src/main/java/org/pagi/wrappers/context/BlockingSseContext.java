package org.pagi.wrappers.context;

import java.time.Duration;
import java.util.Objects;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.BlockingSse;
import org.pagi.wrappers.sse.Periodic;
import org.pagi.wrappers.sse.ServerEvent;

/**
 * {@link SseContext}'s waiting methods for a blocking handler (those of {@link BlockingSse}), and its blocking
 * dispatcher.
 *
 * @param context the wrapped context
 */
public record BlockingSseContext(SseContext context) implements BlockingContext {

    /** Checks for null. */
    public BlockingSseContext {
        Objects.requireNonNull(context, "context");
    }

    private BlockingSse sse() {
        return context.sse().blocking();
    }

    /** @see BlockingSse#start() */
    public void start() {
        sse().start();
    }

    /** @see BlockingSse#start(int, Headers) */
    public void start(int status, Headers headers) {
        sse().start(status, headers);
    }

    /** @see BlockingSse#send(String) */
    public void send(String data) {
        sse().send(data);
    }

    /** @see BlockingSse#send(ServerEvent) */
    public void send(ServerEvent event) {
        sse().send(event);
    }

    /** @see BlockingSse#sendJson(Object) */
    public void sendJson(Object value) {
        sse().sendJson(value);
    }

    /** @see BlockingSse#trySend(String) */
    public boolean trySend(String data) {
        return sse().trySend(data);
    }

    /** @see BlockingSse#trySend(ServerEvent) */
    public boolean trySend(ServerEvent event) {
        return sse().trySend(event);
    }

    /** @see BlockingSse#trySendJson(Object) */
    public boolean trySendJson(Object value) {
        return sse().trySendJson(value);
    }

    /** @see BlockingSse#comment(String) */
    public void comment(String text) {
        sse().comment(text);
    }

    /** @see BlockingSse#keepalive(Duration) */
    public void keepalive(Duration interval) {
        sse().keepalive(interval);
    }

    /** @see BlockingSse#keepalive(Duration, String) */
    public void keepalive(Duration interval, String comment) {
        sse().keepalive(interval, comment);
    }

    /** Runs {@code task}, which may block, every {@code interval}. @see BlockingSse#every */
    public Periodic every(Duration interval, Periodic.Task task) {
        return sse().every(interval, task);
    }

    /** @see BlockingSse#close() */
    public void close() {
        sse().close();
    }

    /** @see BlockingSse#decline(Response) */
    public void decline(Response response) {
        sse().decline(response);
    }

    /** Waits until the client disconnects and returns why. @see BlockingSse#disconnected() */
    public DisconnectReason disconnected() {
        return sse().disconnected();
    }
}
