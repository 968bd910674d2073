package org.pagi.wrappers.context;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.pagi.spec.ConnectionState;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.wrappers.background.AsyncBackgroundTask;
import org.pagi.wrappers.background.BackgroundTask;
import org.pagi.wrappers.background.BackgroundTasks;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.response.ResponseWriter;

/**
 * The context of an {@code http} request: its {@link Request}, a response sent whole ({@link #respond}) or
 * streamed ({@link #writer}), and work to run once the response was sent ({@link #afterResponse}). Connection
 * state comes from {@code pagi.connection}. {@link #run()} ends at {@code http.disconnect}. See {@link Context}.
 */
public final class HttpContext extends Context {

    private final HttpScope scope;
    // Guarded by this.
    private Request request;

    HttpContext(HttpScope scope, Receive receive, Send send) {
        super(scope, receive, send, new EventFeed(receive, "http.disconnect", e -> false, e -> false));
        this.scope = scope;
    }

    @Override
    public HttpScope scope() {
        return scope;
    }

    /** @return the server's {@code receive}, which {@link #request()} reads too */
    @Override
    public Receive rawReceive() {
        return serverReceive();
    }

    /**
     * @return the request, made once; its body state is shared with every {@link Request} of the same scope and
     *     {@code receive} (a middleware's read replays), its stash is {@link #stash()}
     */
    public synchronized Request request() {
        if (request == null) {
            request = Request.of(scope, serverReceive());
        }
        return request;
    }

    /** @return {@code pagi.connection}: disconnect detection and response progress */
    public ConnectionState connection() {
        return scope.connection();
    }

    // ---- responding ----

    /**
     * Sends {@code response} whole.
     *
     * @return completes when the server took the last event
     * @throws IllegalStateException (stage) when a response was already sent
     */
    public CompletionStage<Void> respond(Response response) {
        try {
            return response.respond(scope, rawSend());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends a file (ranges and conditional requests answered as {@link FileResponse} does). */
    public CompletionStage<Void> respond(FileResponse response) {
        try {
            return response.respond(scope, rawSend());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Starts a streamed response without trailers; see {@link #writer(int, Headers, boolean)}. */
    public CompletionStage<ResponseWriter> writer(int status, Headers headers) {
        return writer(status, headers, false);
    }

    /**
     * Starts a streamed response: each {@link ResponseWriter#write} completes when the server took the bytes.
     *
     * @param trailers whether {@link ResponseWriter#trailers} will end it
     * @throws IllegalStateException (stage) when a response was already sent
     */
    public CompletionStage<ResponseWriter> writer(int status, Headers headers, boolean trailers) {
        try {
            return ResponseWriter.start(scope, rawSend(), status, headers, trailers);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // ---- after the response ----

    /**
     * Runs {@code task} (which may block) on a virtual thread once the response was completely sent; skipped if
     * the client goes first. See {@link BackgroundTasks} for the rules and the bound.
     *
     * @return this
     * @throws org.pagi.wrappers.background.TooManyBackgroundTasksException past the request's bound
     */
    public HttpContext afterResponse(String name, BackgroundTask task) {
        BackgroundTasks.after(scope, name, task);
        return this;
    }

    /** Like {@link #afterResponse}, for a task that returns a stage. @return this */
    public HttpContext afterResponseAsync(String name, AsyncBackgroundTask task) {
        BackgroundTasks.afterAsync(scope, name, task);
        return this;
    }

    /** @return this request's background tasks (shared with middleware; {@code settled()} reports them) */
    public BackgroundTasks backgroundTasks() {
        return BackgroundTasks.of(scope);
    }

    /** Runs {@code callback} once the response was completely delivered. @return this */
    public HttpContext onComplete(Runnable callback) {
        scope.connection().onComplete(callback);
        return this;
    }

    // ---- connection ----

    @Override
    public boolean isConnected() {
        return scope.connection().isConnected();
    }

    @Override
    public Optional<String> disconnectReason() {
        return scope.connection().disconnectReason().map(DisconnectReason::token);
    }

    @Override
    public HttpContext onDisconnect(Consumer<String> callback) {
        java.util.Objects.requireNonNull(callback, "callback");
        scope.connection().onDisconnect(reason -> callback.accept(reason.token()));
        return this;
    }

    /** @return a view whose methods wait and return values, with a blocking {@code run()} */
    public BlockingHttpContext blocking() {
        return new BlockingHttpContext(this);
    }

}
