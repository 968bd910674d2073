package org.pagi.wrappers.context;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.event.SseRequest;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.Periodic;
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;

/**
 * The context of a Server-Sent Events stream: its {@link Sse} (built on the context's feed, so it still notices
 * the disconnect while the handler only sends) and that wrapper's operations delegated, with the same names,
 * failures and rules. {@link #run()} ends at {@code sse.disconnect}; extension events a middleware injects
 * reach {@code run()} handlers, also those that arrived before it started (see {@link Context}).
 */
public final class SseContext extends Context {

    private final SseScope scope;
    private final Sse sse;

    SseContext(SseScope scope, Receive receive, Send send) {
        // The Sse only watches for the disconnect; body pieces nobody dispatches are dropped as it would.
        super(scope, receive, send, new EventFeed(receive, "sse.disconnect", e -> false, e -> e instanceof SseRequest));
        this.scope = scope;
        this.sse = Sse.of(scope, feed.wrapperReceive(), send);
    }

    @Override
    public SseScope scope() {
        return scope;
    }

    /** @return the context's feed (see the class comment of {@link Context}) */
    @Override
    public Receive rawReceive() {
        return feed.wrapperReceive();
    }

    /** @return the stream's Sse (its stash is {@link #stash()}) */
    public Sse sse() {
        return sse;
    }

    /** @see Sse#lastEventId() */
    public Optional<String> lastEventId() {
        return sse.lastEventId();
    }

    // ---- the stream ----

    /** @see Sse#start() */
    public CompletionStage<Void> start() {
        return sse.start();
    }

    /** @see Sse#start(int, Headers) */
    public CompletionStage<Void> start(int status, Headers headers) {
        return sse.start(status, headers);
    }

    /** @see Sse#send(String) */
    public CompletionStage<Void> send(String data) {
        return sse.send(data);
    }

    /** @see Sse#send(ServerEvent) */
    public CompletionStage<Void> send(ServerEvent event) {
        return sse.send(event);
    }

    /** @see Sse#sendJson(Object) */
    public CompletionStage<Void> sendJson(Object value) {
        return sse.sendJson(value);
    }

    /** @see Sse#trySend(String) */
    public CompletionStage<Boolean> trySend(String data) {
        return sse.trySend(data);
    }

    /** @see Sse#trySend(ServerEvent) */
    public CompletionStage<Boolean> trySend(ServerEvent event) {
        return sse.trySend(event);
    }

    /** @see Sse#trySendJson(Object) */
    public CompletionStage<Boolean> trySendJson(Object value) {
        return sse.trySendJson(value);
    }

    /** @see Sse#comment(String) */
    public CompletionStage<Void> comment(String text) {
        return sse.comment(text);
    }

    /** @see Sse#keepalive(Duration) */
    public CompletionStage<Void> keepalive(Duration interval) {
        return sse.keepalive(interval);
    }

    /** @see Sse#keepalive(Duration, String) */
    public CompletionStage<Void> keepalive(Duration interval, String comment) {
        return sse.keepalive(interval, comment);
    }

    /** @see Sse#every(Duration, Supplier) */
    public Periodic every(Duration interval, Supplier<? extends CompletionStage<?>> task) {
        return sse.every(interval, task);
    }

    /** @see Sse#close() */
    public CompletionStage<Void> close() {
        return sse.close();
    }

    /** @see Sse#decline(Response) */
    public CompletionStage<Void> decline(Response response) {
        return sse.decline(response);
    }

    /** @see Sse#disconnected() */
    public CompletionStage<DisconnectReason> disconnected() {
        return sse.disconnected();
    }

    // ---- connection ----

    /** @return whether events can still be sent (see {@link Sse#isConnected()}) */
    @Override
    public boolean isConnected() {
        return sse.isConnected();
    }

    /** @return the disconnect token once the client went */
    @Override
    public Optional<String> disconnectReason() {
        CompletionStage<DisconnectReason> gone = sse.disconnected();
        return Optional.ofNullable(gone.toCompletableFuture().getNow(null)).map(DisconnectReason::token);
    }

    /** Runs {@code callback} once with the disconnect token; see {@link Sse#onDisconnect}. */
    @Override
    public SseContext onDisconnect(Consumer<String> callback) {
        java.util.Objects.requireNonNull(callback, "callback");
        sse.onDisconnect(reason -> callback.accept(reason.token()));
        return this;
    }

    /** @return a view whose methods wait and return values, with a blocking {@code run()} */
    public BlockingSseContext blocking() {
        return new BlockingSseContext(this);
    }
}
