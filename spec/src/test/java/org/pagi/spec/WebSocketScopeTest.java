package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.server.FlowTracker;

class WebSocketScopeTest {

    private final State state = new State();
    private final FlowTracker transport = new FlowTracker();

    private WebSocketScope scope(String scheme, List<String> subprotocols) {
        return new WebSocketScope(PagiInfo.current(), TestRequests.request(scheme), subprotocols, state,
                Extensions.none(), transport, Map.of());
    }

    @Nested
    class Construction {
        @Test
        void hasTypeWebsocketForWsAndWss() {
            assertEquals("websocket", scope("ws", List.of()).type());
            assertEquals("websocket", scope("wss", List.of()).type());
        }

        @Test
        void rejectsAnHttpScheme() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> scope("https", List.of()));
            assertEquals("a websocket scope has scheme ws or wss, got https", e.getMessage());
        }

        @Test
        void copiesAndFreezesTheSubprotocols() {
            List<String> source = new ArrayList<>(List.of("chat"));
            WebSocketScope s = scope("ws", source);
            source.add("other");
            assertEquals(List.of("chat"), s.subprotocols());
            assertThrows(UnsupportedOperationException.class, () -> s.subprotocols().add("x"));
        }
    }

    @Nested
    class Copies {
        @Test
        void withAttributeKeepsSubprotocolsAndSharesStateAndTransport() {
            WebSocketScope original = scope("ws", List.of("chat"));
            WebSocketScope copy = original.withAttribute("k", "v");
            assertEquals(Optional.of("v"), copy.attribute("k"));
            assertEquals(Optional.empty(), original.attribute("k"));
            assertEquals(List.of("chat"), copy.subprotocols());
            assertSame(original.state(), copy.state());
            assertSame(original.transport(), copy.transport());
        }

        @Test
        void withRequestSharesStateAndTransport() {
            WebSocketScope original = scope("ws", List.of());
            WebSocketScope copy = original.withRequest(original.request().withRootPath("/app"));
            assertEquals("/app", copy.rootPath());
            assertEquals("", original.rootPath());
            assertSame(original.state(), copy.state());
            assertSame(original.transport(), copy.transport());
        }
    }
}
