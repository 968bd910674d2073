package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.spec.server.FlowTracker;

/** The TLS extension appears only on TLS connections (spec/docs/tls.md). */
class TlsRuleTest {
    private static final Extensions TLS = Extensions.none().with(Extensions.TLS, new TlsInfo(Optional.empty(),
            List.of(), Optional.empty(), Optional.empty(), OptionalInt.of(0x0304), OptionalInt.of(0x1301)));

    @Test
    void refusesTheTlsExtensionOnACleartextHttpScope() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HttpScope(
                PagiInfo.current(), TestRequests.request("http"), new State(), TLS, new ConnectionTracker(),
                new FlowTracker(), Map.of()));
        assertTrue(e.getMessage().contains("only for TLS connections"), e.getMessage());
    }

    @Test
    void refusesItOnCleartextSseAndWebSocketScopes() {
        assertThrows(IllegalArgumentException.class, () -> new SseScope(PagiInfo.current(),
                TestRequests.request("http"), new State(), TLS, new FlowTracker(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new WebSocketScope(PagiInfo.current(),
                TestRequests.request("ws"), List.of(), new State(), TLS, new FlowTracker(), Map.of()));
    }

    @Test
    void acceptsItOnHttpsAndWss() {
        assertDoesNotThrow(() -> new HttpScope(PagiInfo.current(), TestRequests.request("https"), new State(), TLS,
                new ConnectionTracker(), new FlowTracker(), Map.of()));
        assertDoesNotThrow(() -> new WebSocketScope(PagiInfo.current(), TestRequests.request("wss"), List.of(),
                new State(), TLS, new FlowTracker(), Map.of()));
    }
}
