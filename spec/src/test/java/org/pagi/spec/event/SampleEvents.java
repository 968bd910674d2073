package org.pagi.spec.event;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;

/**
 * One valid instance of every event type, plus the other forms some types have, for tests that must cover the
 * whole table. {@link EventTypeTest} checks that these samples cover every event record the spec module defines.
 */
public final class SampleEvents {
    private SampleEvents() {
    }

    /** @return one sample per {@link EventType}, in declaration order */
    public static Map<EventType, Event> onePerType() {
        Map<EventType, Event> m = new EnumMap<>(EventType.class);
        m.put(EventType.HTTP_REQUEST, HttpRequest.last(Bytes.ascii("body")));
        m.put(EventType.HTTP_DISCONNECT, new HttpDisconnect());
        m.put(EventType.HTTP_RESPONSE_START, new HttpResponseStart(200, Headers.of("content-type", "text/plain")));
        m.put(EventType.HTTP_RESPONSE_BODY, HttpResponseBody.last(Bytes.ascii("ok")));
        m.put(EventType.HTTP_RESPONSE_TRAILERS, new HttpResponseTrailers(Headers.of("x-checksum", "1")));
        m.put(EventType.HTTP_FULLFLUSH, new HttpFullFlush());
        m.put(EventType.WEBSOCKET_CONNECT, new WebSocketConnect());
        m.put(EventType.WEBSOCKET_RECEIVE, WebSocketReceive.text("hi"));
        m.put(EventType.WEBSOCKET_DISCONNECT, new WebSocketDisconnect(1000, ""));
        m.put(EventType.WEBSOCKET_ACCEPT, new WebSocketAccept());
        m.put(EventType.WEBSOCKET_SEND, WebSocketSend.text("hi"));
        m.put(EventType.WEBSOCKET_KEEPALIVE, new WebSocketKeepalive(Duration.ofSeconds(20), Optional.empty()));
        m.put(EventType.WEBSOCKET_CLOSE, new WebSocketClose());
        m.put(EventType.WEBSOCKET_HTTP_RESPONSE_START, new WebSocketHttpResponseStart(401, Headers.empty()));
        m.put(EventType.WEBSOCKET_HTTP_RESPONSE_BODY, new WebSocketHttpResponseBody(Bytes.ascii("no"), false));
        m.put(EventType.SSE_REQUEST, new SseRequest(Bytes.empty(), false));
        m.put(EventType.SSE_DISCONNECT, new SseDisconnect(DisconnectReason.CLIENT_CLOSED));
        m.put(EventType.SSE_START, new SseStart());
        m.put(EventType.SSE_SEND, SseSend.data("hello"));
        m.put(EventType.SSE_COMMENT, new SseComment("ping"));
        m.put(EventType.SSE_KEEPALIVE, new SseKeepalive(Duration.ofSeconds(15)));
        m.put(EventType.SSE_CLOSE, new SseClose());
        m.put(EventType.SSE_HTTP_RESPONSE_START, new SseHttpResponseStart(204, Headers.empty()));
        m.put(EventType.SSE_HTTP_RESPONSE_BODY, new SseHttpResponseBody(Bytes.empty(), false));
        m.put(EventType.LIFESPAN_STARTUP, new LifespanStartup());
        m.put(EventType.LIFESPAN_SHUTDOWN, new LifespanShutdown());
        m.put(EventType.LIFESPAN_STARTUP_COMPLETE, new LifespanStartupComplete());
        m.put(EventType.LIFESPAN_STARTUP_FAILED, new LifespanStartupFailed("db down"));
        m.put(EventType.LIFESPAN_SHUTDOWN_COMPLETE, new LifespanShutdownComplete());
        m.put(EventType.LIFESPAN_SHUTDOWN_FAILED, new LifespanShutdownFailed("flush failed"));
        m.put(EventType.EXTENSION, new ExtensionEvent("ext.trace.mark", Map.of("id", 1)));
        return m;
    }

    /**
     * @return every sample, including the other forms of a type: the file and channel bodies, a body with more to
     *         follow, binary messages, a declared-trailers start
     */
    public static List<Event> all() {
        List<Event> all = new ArrayList<>(onePerType().values());
        all.add(new HttpRequest(Bytes.ascii("part"), true));
        all.add(new HttpResponseStart(200, Headers.empty(), true));
        all.add(HttpResponseBody.chunk(Bytes.ascii("part")));
        all.add(HttpResponseFile.of(Path.of("/srv/file.bin")));
        all.add(channelBody());
        all.add(WebSocketReceive.bytes(Bytes.ascii("bin")));
        all.add(WebSocketSend.bytes(Bytes.ascii("bin")));
        all.add(new WebSocketHttpResponseBody(Bytes.ascii("more"), true));
        all.add(new SseRequest(Bytes.ascii("part"), true));
        all.add(new SseHttpResponseBody(Bytes.ascii("more"), true));
        return List.copyOf(all);
    }

    /** @return a final body event streaming from an empty channel */
    public static HttpResponseChannel channelBody() {
        return new HttpResponseChannel(new EmptyChannel(), 0, OptionalLong.empty());
    }

    /** @return the samples an application can send on a scope of {@code protocol}, every form included */
    public static List<Event> sendsOf(String protocol) {
        return all().stream()
                .filter(e -> e.kind() != EventType.EXTENSION)
                .filter(e -> e.kind().protocol().equals(protocol) && e.kind().direction() == Direction.SEND)
                .toList();
    }

    /** @return the samples a server delivers on a scope of {@code protocol}, every form included */
    public static List<Event> receivesOf(String protocol) {
        return all().stream()
                .filter(e -> e.kind() != EventType.EXTENSION)
                .filter(e -> e.kind().protocol().equals(protocol) && e.kind().direction() == Direction.RECEIVE)
                .toList();
    }
}
