package org.pagi.spec.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypeTest {

    /** The spec's type strings, written out by hand so a typo in the enum cannot hide. */
    private static final Map<EventType, String> SPEC = new LinkedHashMap<>();

    static {
        SPEC.put(EventType.HTTP_REQUEST, "http.request");
        SPEC.put(EventType.HTTP_DISCONNECT, "http.disconnect");
        SPEC.put(EventType.HTTP_RESPONSE_START, "http.response.start");
        SPEC.put(EventType.HTTP_RESPONSE_BODY, "http.response.body");
        SPEC.put(EventType.HTTP_RESPONSE_TRAILERS, "http.response.trailers");
        SPEC.put(EventType.HTTP_FULLFLUSH, "http.fullflush");
        SPEC.put(EventType.WEBSOCKET_CONNECT, "websocket.connect");
        SPEC.put(EventType.WEBSOCKET_RECEIVE, "websocket.receive");
        SPEC.put(EventType.WEBSOCKET_DISCONNECT, "websocket.disconnect");
        SPEC.put(EventType.WEBSOCKET_ACCEPT, "websocket.accept");
        SPEC.put(EventType.WEBSOCKET_SEND, "websocket.send");
        SPEC.put(EventType.WEBSOCKET_KEEPALIVE, "websocket.keepalive");
        SPEC.put(EventType.WEBSOCKET_CLOSE, "websocket.close");
        SPEC.put(EventType.WEBSOCKET_HTTP_RESPONSE_START, "websocket.http.response.start");
        SPEC.put(EventType.WEBSOCKET_HTTP_RESPONSE_BODY, "websocket.http.response.body");
        SPEC.put(EventType.SSE_REQUEST, "sse.request");
        SPEC.put(EventType.SSE_DISCONNECT, "sse.disconnect");
        SPEC.put(EventType.SSE_START, "sse.start");
        SPEC.put(EventType.SSE_SEND, "sse.send");
        SPEC.put(EventType.SSE_COMMENT, "sse.comment");
        SPEC.put(EventType.SSE_KEEPALIVE, "sse.keepalive");
        SPEC.put(EventType.SSE_CLOSE, "sse.close");
        SPEC.put(EventType.SSE_HTTP_RESPONSE_START, "sse.http.response.start");
        SPEC.put(EventType.SSE_HTTP_RESPONSE_BODY, "sse.http.response.body");
        SPEC.put(EventType.LIFESPAN_STARTUP, "lifespan.startup");
        SPEC.put(EventType.LIFESPAN_SHUTDOWN, "lifespan.shutdown");
        SPEC.put(EventType.LIFESPAN_STARTUP_COMPLETE, "lifespan.startup.complete");
        SPEC.put(EventType.LIFESPAN_STARTUP_FAILED, "lifespan.startup.failed");
        SPEC.put(EventType.LIFESPAN_SHUTDOWN_COMPLETE, "lifespan.shutdown.complete");
        SPEC.put(EventType.LIFESPAN_SHUTDOWN_FAILED, "lifespan.shutdown.failed");
    }

    @Nested
    class WireNames {
        @Test
        void everyCoreConstantHasTheSpecTypeString() {
            Map<EventType, String> actual = new LinkedHashMap<>();
            for (EventType t : EventType.values()) {
                if (t != EventType.EXTENSION) {
                    actual.put(t, t.wireName());
                }
            }
            assertEquals(SPEC, actual);
        }

        @ParameterizedTest
        @EnumSource(value = EventType.class, names = "EXTENSION", mode = EnumSource.Mode.EXCLUDE)
        void fromWireRoundTripsEveryCoreConstant(EventType type) {
            assertEquals(Optional.of(type), EventType.fromWire(type.wireName()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ext.*", "HTTP.REQUEST", "http.request ", "http", "", "ext.trace.mark"})
        void fromWireKnowsNothingElse(String type) {
            assertEquals(Optional.empty(), EventType.fromWire(type));
        }

        @Test
        void printsAsTheWireName() {
            assertEquals("websocket.http.response.start", EventType.WEBSOCKET_HTTP_RESPONSE_START.toString());
        }

        @Test
        void protocolIsTheFirstSegment() {
            assertEquals("websocket", EventType.WEBSOCKET_HTTP_RESPONSE_BODY.protocol());
            assertEquals("sse", EventType.SSE_HTTP_RESPONSE_START.protocol());
            assertEquals("lifespan", EventType.LIFESPAN_SHUTDOWN_FAILED.protocol());
            assertEquals("ext", EventType.EXTENSION.protocol());
        }
    }

    @Nested
    class MatchWithRecords {
        @Test
        void theSamplesCoverEveryEventRecord() {
            Set<Class<?>> records = new HashSet<>();
            Deque<Class<?>> todo = new ArrayDeque<>(Set.of(Event.class));
            while (!todo.isEmpty()) {
                Class<?> c = todo.pop();
                if (c.isRecord()) {
                    records.add(c);
                } else if (c.isSealed()) {
                    todo.addAll(Set.of(c.getPermittedSubclasses()));
                }
            }
            Set<Class<?>> sampled = SampleEvents.all().stream().map(Object::getClass).collect(Collectors.toSet());
            assertEquals(records, sampled);
        }

        @Test
        void theSamplesCoverEveryConstant() {
            Set<EventType> kinds = SampleEvents.all().stream().map(Event::kind).collect(Collectors.toSet());
            assertEquals(Set.of(EventType.values()), kinds);
        }

        @Test
        void everySampleReportsTheTypeStringOfItsConstant() {
            SampleEvents.onePerType().forEach((type, event) -> {
                assertEquals(type, event.kind());
                if (type != EventType.EXTENSION) {
                    assertEquals(SPEC.get(type), event.type());
                }
            });
        }

        @Test
        void directionMatchesTheReceiveAndSendInterfaces() {
            for (Event e : SampleEvents.all()) {
                if (e instanceof ExtensionEvent) {
                    continue; // may travel both ways; see ExtensionEventTest
                }
                Direction d = e.kind().direction();
                assertEquals(d == Direction.RECEIVE, e instanceof ReceiveEvent, e.type() + " as ReceiveEvent");
                assertEquals(d == Direction.SEND, e instanceof SendEvent, e.type() + " as SendEvent");
            }
        }

        @Test
        void protocolMatchesTheFamilyInterface() {
            for (Event e : SampleEvents.all()) {
                String p = e.kind().protocol();
                assertEquals(p.equals("http"), e instanceof HttpEvent, e.type() + " as HttpEvent");
                assertEquals(p.equals("websocket"), e instanceof WebSocketEvent, e.type() + " as WebSocketEvent");
                assertEquals(p.equals("sse"), e instanceof SseEvent, e.type() + " as SseEvent");
                assertEquals(p.equals("lifespan"), e instanceof LifespanEvent, e.type() + " as LifespanEvent");
            }
        }

        @Test
        void onlyTheExtensionConstantIsShared() {
            long nonCore = SampleEvents.onePerType().values().stream()
                    .filter(e -> e instanceof ReceiveEvent && e instanceof SendEvent).count();
            assertEquals(1, nonCore);
            assertTrue(SampleEvents.onePerType().get(EventType.EXTENSION) instanceof ExtensionEvent);
        }
    }
}
