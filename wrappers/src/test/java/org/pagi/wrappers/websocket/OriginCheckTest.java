package org.pagi.wrappers.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.Extensions;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.testing.WebSocketSession;

/** Origin matching rules, and enforce() refusing with 403 in both handler modes. */
@Timeout(20)
class OriginCheckTest {

    private static final OriginCheck CHECK = OriginCheck.allowing("https://app.example.com", "http://LOCALHOST:8080");

    @Test
    void matchesExactOriginsIgnoringCaseAndDefaultPorts() {
        assertEquals(Set.of("https://app.example.com", "http://localhost:8080"), CHECK.origins());
        assertTrue(CHECK.allows(Optional.of("https://app.example.com")));
        assertTrue(CHECK.allows(Optional.of("HTTPS://App.Example.com:443")));
        assertTrue(CHECK.allows(Optional.of("http://localhost:8080")));
        assertFalse(CHECK.allows(Optional.of("http://app.example.com")), "another scheme");
        assertFalse(CHECK.allows(Optional.of("https://app.example.com:8443")), "another port");
        assertFalse(CHECK.allows(Optional.of("http://localhost")), "the default port is not 8080");
        assertFalse(CHECK.allows(Optional.of("https://evil.example.com")));
        assertFalse(CHECK.allows(Optional.of("https://app.example.com.evil.net")), "no suffix matching");
        assertFalse(CHECK.allows(Optional.of("null")), "the opaque origin");
        assertFalse(CHECK.allows(Optional.of("https://app.example.com/path")), "not an origin");
        assertFalse(CHECK.allows(Optional.of("::::")), "not a URI");
    }

    @Test
    void aMissingOriginIsRefusedUnlessAllowed() {
        assertFalse(CHECK.allows(Optional.empty()));
        OriginCheck lenient = CHECK.allowingMissingOrigin();
        assertTrue(lenient.allows(Optional.empty()));
        assertFalse(lenient.allows(Optional.of("https://evil.example.com")));
        assertEquals("OriginCheck[https://app.example.com, http://localhost:8080] (missing Origin allowed)",
                lenient.toString());
    }

    @Test
    void entriesThatAreNotOriginsAreRejectedNamingThem() {
        for (String bad : new String[] {"app.example.com", "https://example.com/", "https://u@example.com",
                "https://example.com?x", "*", "https://"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OriginCheck.allowing(bad));
            assertEquals("not an origin (scheme://host[:port]): '" + bad + "'", e.getMessage());
        }
    }

    private static Application guarded(Mode mode) {
        return mode.app(
                ws -> CHECK.enforce(ws).thenCompose(ok -> ok ? ws.accept().thenCompose(v -> ws.sendText("in"))
                        : java.util.concurrent.CompletableFuture.completedFuture(null)),
                ws -> {
                    if (CHECK.enforce(ws)) {
                        ws.accept();
                        ws.sendText("in");
                    }
                });
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void enforceLetsAnAllowedOriginInAndDeniesOthersWith403(Mode mode) {
        TestClient client = TestClient.of(guarded(mode));
        try (WebSocketSession s = client.websocket("/").header("origin", "https://app.example.com").connect()) {
            assertEquals("in", s.receiveText());
        }
        WebSocketHandshake.Denied d = assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/").header("origin", "https://evil.example.com").tryConnect());
        assertEquals(403, d.status());
        assertEquals("origin not allowed: https://evil.example.com", d.body().utf8());
        assertTrue(d.close().isEmpty(), "a denial response, not a close");

        WebSocketHandshake.Denied missing = assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/").tryConnect());
        assertEquals("origin not allowed: (none)", missing.body().utf8());
        WebSocketHandshake.Denied twice = assertInstanceOf(WebSocketHandshake.Denied.class, client.websocket("/")
                .header("origin", "https://app.example.com").header("origin", "https://app.example.com").tryConnect());
        assertEquals(403, twice.status(), "a repeated Origin header");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void withoutTheDenialExtensionEnforceRefusesByClose(Mode mode) {
        TestClient client = TestClient.builder(guarded(mode)).extensions(Extensions.none()).build();
        WebSocketHandshake.Denied d = assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/").header("origin", "https://evil.example.com").tryConnect());
        assertEquals(403, d.status());
        assertEquals(1008, d.close().orElseThrow().code());
    }
}
