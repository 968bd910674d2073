package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.server.FlowTracker;

class SseScopeTest {

    private SseScope scope(String scheme) {
        return new SseScope(PagiInfo.current(), TestRequests.request(scheme), new State(), Extensions.none(),
                new FlowTracker(), Map.of());
    }

    @Nested
    class Construction {
        @Test
        void hasTypeSse() {
            assertEquals("sse", scope("http").type());
            assertEquals(SseScope.TYPE, scope("https").type());
        }

        @Test
        void rejectsAWebSocketScheme() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scope("wss"));
            assertEquals("an sse scope has scheme http or https, got wss", e.getMessage());
        }
    }

    @Nested
    class Copies {
        @Test
        void withAttributeAddsToTheCopyAndSharesStateAndTransport() {
            SseScope original = scope("http");
            SseScope copy = original.withAttribute("k", 42);
            assertEquals(Optional.of(42), copy.attribute("k"));
            assertEquals(Map.of(), original.attributes());
            assertSame(original.state(), copy.state());
            assertSame(original.transport(), copy.transport());
        }

        @Test
        void withRequestKeepsAttributesAndSharesState() {
            SseScope original = scope("http").withAttribute("k", 1);
            SseScope copy = original.withRequest(original.request().withPath("/events"));
            assertEquals("/events", copy.path());
            assertEquals(Map.of("k", 1), copy.attributes());
            assertSame(original.state(), copy.state());
        }
    }
}
