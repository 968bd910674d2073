package org.pagi.wrappers.context;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.Event;
import org.pagi.wrappers.ScopeView;
import org.pagi.wrappers.lifespan.StateKey;
import org.pagi.wrappers.request.Request;

/**
 * One object per connection: the scope, path parameters, headers, stash, lifespan state and connection state of
 * an {@code http}, {@code websocket} or {@code sse} call, its protocol wrapper, and an event dispatcher.
 * {@link #of} picks the subtype by scope type; switch over the three:
 * <pre>{@code
 * return switch (Context.of(scope, receive, send)) {
 *     case HttpContext http -> http.respond(Response.text("hi"));
 *     case WebSocketContext ws -> ws.accept().thenCompose(v -> ws.on("websocket.receive", ...).run());
 *     case SseContext sse -> sse.start().thenCompose(v -> sse.on("chat.message", ...).run());
 * };
 * }</pre>
 *
 * <h2>Event dispatch</h2>
 * {@link #on} registers handlers by event type string (several per type, run in registration order; an async
 * handler's stage is awaited before the next handler and event), {@link #onDefault} handles types with no
 * handler (not the disconnect), {@link #onError} sees failures. {@link #run()} reads events until the protocol's
 * disconnect ({@link RunEnd#DISCONNECT}, after its handlers ran), {@link #stop()} ({@link RunEnd#STOP}, after the
 * current handler; a wait for the next event is withdrawn at once) or a failed receive ({@link RunEnd#ERROR}).
 * A failing handler is reported with {@link ErrorSource#HANDLER} and the loop goes on. Events are the spec's
 * records; an {@link org.pagi.spec.event.ExtensionEvent} a middleware injected into {@code receive} is
 * dispatched by its own type string. Handlers stay registered after {@code run()} ends, so it may run again.
 *
 * <h2>Who reads {@code receive}</h2>
 * The context reads the server's {@code receive} through one feed that its dispatcher and its wrapper (the
 * {@link WebSocketContext#webSocket() WebSocket}'s receives, the {@link SseContext#sse() Sse}'s disconnect
 * watch) share, so that neither steals the other's events:
 * <ul>
 *   <li>the protocol's disconnect goes to both, and every later read yields it again: the wrapper knows the
 *       connection ended before any {@code run()} handler sees the disconnect;</li>
 *   <li>a WebSocket message (or {@code websocket.connect}) goes to an explicit receive
 *       ({@code receiveText()}, {@code webSocket().receive()}, ...) when one is waiting, else to {@code run()};
 *       every other event (extension events, {@code sse.request}) goes to {@code run()};</li>
 *   <li>an event read when its reader is not waiting is kept for the next one that asks (at most
 *       {@value EventFeed#MAX_HELD}, oldest dropped with a warning); an SSE stream's body pieces are dropped, as
 *       the {@code Sse} drops them.</li>
 * </ul>
 * Build further wrappers from {@link #scope()} and {@link #rawReceive()}, never from the original
 * {@code receive}: a second reader of that would take events from both. An {@code http} context is the
 * exception: its {@link HttpContext#request() Request} reads the server's {@code receive} itself, so that a body
 * a middleware already read stays readable; read the body before {@code run()} or inside a handler, not while
 * {@code run()} waits for an event.
 *
 * <h2>Scope</h2>
 * The request line, headers, query, cookies, {@code Accept}, path parameters and lifespan state are read as every
 * wrapper reads them ({@link ScopeView}), with {@link #queryString()} and {@link #state(StateKey)} besides.
 *
 * <h2>Stash</h2>
 * {@link #stash()} is the map under {@link Request#STASH} in the scope; {@link #of} puts a new one there when no
 * middleware did, so the context, its wrapper and any wrapper made from {@link #scope()} share one map.
 *
 * <p>Blocking handlers use {@code blocking()} on each subtype. Thread-safe.
 */
public abstract sealed class Context extends ScopeView<RequestScope>
        permits HttpContext, WebSocketContext, SseContext {

    private final Receive receive;
    private final Send send;
    final EventFeed feed;
    final Dispatcher dispatcher;

    Context(RequestScope scope, Receive receive, Send send, EventFeed feed) {
        super(scope);
        this.receive = receive;
        this.send = Objects.requireNonNull(send, "send");
        this.feed = feed;
        this.dispatcher = new Dispatcher(feed, this::beforeDisconnect);
    }

    /**
     * The context of one connection: an {@link HttpContext}, {@link WebSocketContext} or {@link SseContext} by
     * scope type. From here on the context reads {@code receive}; see the class comment.
     *
     * @throws IllegalArgumentException for a lifespan scope, naming it
     */
    public static Context of(Scope scope, Receive receive, Send send) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(receive, "receive");
        Objects.requireNonNull(send, "send");
        return switch (scope) {
            case HttpScope http -> new HttpContext((HttpScope) withStash(http), receive, send);
            case WebSocketScope ws -> new WebSocketContext((WebSocketScope) withStash(ws), receive, send);
            case SseScope sse -> new SseContext((SseScope) withStash(sse), receive, send);
            case LifespanScope life -> throw new IllegalArgumentException("a lifespan scope has no per-connection"
                    + " context: Context.of takes an http, websocket or sse scope (run lifespan hooks with"
                    + " org.pagi.wrappers.lifespan.Lifespan)");
        };
    }

    private static RequestScope withStash(RequestScope scope) {
        return scope.attribute(Request.STASH).filter(Map.class::isInstance).isPresent() ? scope
                : scope.withAttribute(Request.STASH, new ConcurrentHashMap<String, Object>());
    }

    // ---- type ----

    /** @return {@code "http"}, {@code "websocket"} or {@code "sse"} */
    public String type() {
        return scope().type();
    }

    /** @return whether this is an {@link HttpContext} */
    public boolean isHttp() {
        return this instanceof HttpContext;
    }

    /** @return whether this is a {@link WebSocketContext} */
    public boolean isWebSocket() {
        return this instanceof WebSocketContext;
    }

    /** @return whether this is an {@link SseContext} */
    public boolean isSse() {
        return this instanceof SseContext;
    }

    /** @return this as an {@link HttpContext} @throws IllegalStateException naming the actual type otherwise */
    public HttpContext asHttp() {
        return narrow(HttpContext.class, "an http");
    }

    /** @return this as a {@link WebSocketContext} @throws IllegalStateException naming the actual type otherwise */
    public WebSocketContext asWebSocket() {
        return narrow(WebSocketContext.class, "a websocket");
    }

    /** @return this as an {@link SseContext} @throws IllegalStateException naming the actual type otherwise */
    public SseContext asSse() {
        return narrow(SseContext.class, "an sse");
    }

    private <C extends Context> C narrow(Class<C> wanted, String name) {
        if (!wanted.isInstance(this)) {
            throw new IllegalStateException("this is " + (isWebSocket() ? "a " : "an ") + type() + " context, not "
                    + name + " one");
        }
        return wanted.cast(this);
    }

    // ---- scope ----

    /** @return the scope, carrying the shared stash under {@link Request#STASH} */
    @Override
    public RequestScope scope() {
        return super.scope();
    }

    /**
     * @return the {@code receive} to build further wrappers on: the context's feed for websocket and sse (see
     *     the class comment), the server's own for http
     */
    public abstract Receive rawReceive();

    /** @return the server's {@code send} */
    public Send rawSend() {
        return send;
    }

    /** The server's receive, as given to {@link #of}. */
    Receive serverReceive() {
        return receive;
    }

    /** @return the query string after {@code ?}, still percent-encoded */
    public Bytes queryString() {
        return scope().queryString();
    }

    /** @return the lifespan state value under {@code key} @throws IllegalStateException when it is missing */
    public <T> T state(StateKey<T> key) {
        return key.get(scope().state());
    }

    // ---- connection ----

    /** @return whether the client is still there (and, for websocket and sse, the stream still open) */
    public abstract boolean isConnected();

    /**
     * @return why the connection ended: the disconnect token for http (only an abnormal end) and sse, the close
     *     reason for a WebSocket (its code is {@link WebSocketContext#closeCode()}); empty while connected
     */
    public abstract Optional<String> disconnectReason();

    /**
     * Runs {@code callback} once with {@link #disconnectReason()} when the connection ends (http: only when the
     * client goes before the response completed); at once when it already has.
     *
     * @return this
     */
    public abstract Context onDisconnect(Consumer<String> callback);

    // ---- dispatch ----

    /** Adds a handler for events of {@code type} (e.g. {@code "websocket.receive"}, {@code "chat.message"}). */
    public Context on(String type, EventHandler handler) {
        dispatcher.on(type, handler);
        return this;
    }

    /** Adds a handler for events whose type has no {@link #on} handler (the disconnect excepted). */
    public Context onDefault(EventHandler handler) {
        dispatcher.onDefault(handler);
        return this;
    }

    /** Adds an error handler; with none, failures are logged through {@link System.Logger}. */
    public Context onError(ErrorHandler handler) {
        dispatcher.onError(handler);
        return this;
    }

    /** Ends {@link #run()} with {@link RunEnd#STOP} after the current handler, or at once while it waits. */
    public Context stop() {
        dispatcher.stop();
        return this;
    }

    /** @return whether {@link #run()} (or the blocking view's) is running */
    public boolean isRunning() {
        return dispatcher.isRunning();
    }

    /**
     * Dispatches events until the disconnect, {@link #stop()} or a failed receive.
     *
     * @return completes with why it ended; never fails
     * @throws IllegalStateException when a run is already under way on this context
     */
    public CompletionStage<RunEnd> run() {
        return dispatcher.runAsync();
    }

    /** Lets the wrapper take in the disconnect event before the handlers see it. */
    CompletionStage<?> beforeDisconnect(Event disconnect) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + path() + "]";
    }
}
