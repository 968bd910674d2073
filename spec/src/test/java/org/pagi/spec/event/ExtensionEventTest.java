package org.pagi.spec.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionEventTest {

    @Test
    void keepsItsOwnTypeStringAndTheExtensionKind() {
        ExtensionEvent e = new ExtensionEvent("ext.trace.mark", Map.of());
        assertEquals("ext.trace.mark", e.type());
        assertEquals(EventType.EXTENSION, e.kind());
    }

    @Test
    void mayTravelBothWays() {
        Event e = new ExtensionEvent("ext.x", Map.of());
        assertInstanceOf(ReceiveEvent.class, e);
        assertInstanceOf(SendEvent.class, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http.custom", "websocket.ping", "sse.retry", "lifespan.ready", "pagi.anything"})
    void rejectsReservedPrefixes(String type) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExtensionEvent(type, Map.of()));
        assertEquals("'" + type + "' uses a reserved prefix; core events have their own records", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"httpx.custom", "myapp.http", "x.y", "ext.http.response.start"})
    void acceptsPrefixesThatMerelyResembleReservedOnes(String type) {
        assertEquals(type, new ExtensionEvent(type, Map.of()).type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ext", ".ext", "ext."})
    void rejectsTypesWithoutAProtocolAndMessagePart(String type) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExtensionEvent(type, Map.of()));
        assertEquals("event type must look like 'protocol.message', got '" + type + "'", e.getMessage());
    }

    @Test
    void copiesAndFreezesItsFields() {
        Map<String, Object> source = new HashMap<>(Map.of("a", 1));
        ExtensionEvent e = new ExtensionEvent("ext.x", source);
        source.put("b", 2);
        assertEquals(Map.of("a", 1), e.fields());
        assertThrows(UnsupportedOperationException.class, () -> e.fields().put("c", 3));
    }
}
