package org.pagi.spec;

/**
 * What a call to an {@link Application} is about: an HTTP request, a WebSocket, an SSE stream, or the lifespan.
 *
 * <p>Consumers switch over the four records; there is no default branch to forget:
 * <pre>{@code
 * switch (scope) {
 *     case HttpScope http -> ...;
 *     case WebSocketScope ws -> ...;
 *     case SseScope sse -> ...;
 *     case LifespanScope life -> ...;
 * }
 * }</pre>
 * Scopes are immutable; middleware that wants a changed scope makes a copy ({@code withAttribute}, ...), which
 * shares the connection, transport and state objects with the original, as the spec's shallow clone does.
 */
public sealed interface Scope permits RequestScope, LifespanScope {

    /** @return {@code "http"}, {@code "websocket"}, {@code "sse"} or {@code "lifespan"} */
    String type();

    /** @return the {@code pagi} key: spec versions and worker facts */
    PagiInfo pagi();

    /** @return this scope's copy of the lifespan state namespace */
    State state();
}
