package org.pagi.spec.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type string the spec defines, with its protocol and direction. This table replaces any
 * reflection: {@link #fromWire(String)} maps a type string to its constant.
 */
public enum EventType {
    HTTP_REQUEST("http.request", Direction.RECEIVE),
    HTTP_DISCONNECT("http.disconnect", Direction.RECEIVE),
    HTTP_RESPONSE_START("http.response.start", Direction.SEND),
    HTTP_RESPONSE_BODY("http.response.body", Direction.SEND),
    HTTP_RESPONSE_TRAILERS("http.response.trailers", Direction.SEND),
    HTTP_FULLFLUSH("http.fullflush", Direction.SEND),

    WEBSOCKET_CONNECT("websocket.connect", Direction.RECEIVE),
    WEBSOCKET_RECEIVE("websocket.receive", Direction.RECEIVE),
    WEBSOCKET_DISCONNECT("websocket.disconnect", Direction.RECEIVE),
    WEBSOCKET_ACCEPT("websocket.accept", Direction.SEND),
    WEBSOCKET_SEND("websocket.send", Direction.SEND),
    WEBSOCKET_KEEPALIVE("websocket.keepalive", Direction.SEND),
    WEBSOCKET_CLOSE("websocket.close", Direction.SEND),
    WEBSOCKET_HTTP_RESPONSE_START("websocket.http.response.start", Direction.SEND),
    WEBSOCKET_HTTP_RESPONSE_BODY("websocket.http.response.body", Direction.SEND),

    SSE_REQUEST("sse.request", Direction.RECEIVE),
    SSE_DISCONNECT("sse.disconnect", Direction.RECEIVE),
    SSE_START("sse.start", Direction.SEND),
    SSE_SEND("sse.send", Direction.SEND),
    SSE_COMMENT("sse.comment", Direction.SEND),
    SSE_KEEPALIVE("sse.keepalive", Direction.SEND),
    SSE_CLOSE("sse.close", Direction.SEND),
    SSE_HTTP_RESPONSE_START("sse.http.response.start", Direction.SEND),
    SSE_HTTP_RESPONSE_BODY("sse.http.response.body", Direction.SEND),

    LIFESPAN_STARTUP("lifespan.startup", Direction.RECEIVE),
    LIFESPAN_SHUTDOWN("lifespan.shutdown", Direction.RECEIVE),
    LIFESPAN_STARTUP_COMPLETE("lifespan.startup.complete", Direction.SEND),
    LIFESPAN_STARTUP_FAILED("lifespan.startup.failed", Direction.SEND),
    LIFESPAN_SHUTDOWN_COMPLETE("lifespan.shutdown.complete", Direction.SEND),
    LIFESPAN_SHUTDOWN_FAILED("lifespan.shutdown.failed", Direction.SEND),

    /** An event outside the core spec ({@link ExtensionEvent}); its type string is its own. */
    EXTENSION("ext.*", Direction.SEND);

    private static final Map<String, EventType> BY_WIRE = Arrays.stream(values())
            .filter(t -> t != EXTENSION)
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final Direction direction;

    EventType(String wireName, Direction direction) {
        this.wireName = wireName;
        this.direction = direction;
    }

    /** @return the spec's type string, e.g. {@code "http.response.start"} */
    public String wireName() {
        return wireName;
    }

    /** @return which way the event travels ({@link #EXTENSION} events may travel both ways) */
    public Direction direction() {
        return direction;
    }

    /** @return {@code "http"}, {@code "websocket"}, {@code "sse"}, {@code "lifespan"} or {@code "ext"} */
    public String protocol() {
        return wireName.substring(0, wireName.indexOf('.'));
    }

    /** @return the constant for a spec type string; empty for anything else */
    public static Optional<EventType> fromWire(String type) {
        return Optional.ofNullable(BY_WIRE.get(type));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
