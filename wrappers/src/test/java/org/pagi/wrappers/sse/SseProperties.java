package org.pagi.wrappers.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.function.Executable;
import org.pagi.protocol.sse.SseDecoder;
import org.pagi.protocol.sse.SseEncoder;
import org.pagi.protocol.sse.SseFrame;
import org.pagi.protocol.sse.SseLimitException;
import org.pagi.spec.Application;
import org.pagi.spec.SseScope;
import org.pagi.spec.event.SseSend;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;

/**
 * Any data survives Sse.send to the client with its line breaks normalised to LF (WHATWG: the server splits at
 * CRLF, CR and LF, the client joins with LF); any event or id with CR, LF or NUL is refused and nothing is sent.
 */
class SseProperties {

    /** Strings rich in line breaks (and NUL, which data may carry). */
    @Provide
    Arbitrary<String> data() {
        Arbitrary<String> pieces = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(6),
                Arbitraries.of("\r", "\n", "\r\n", "\n\r", "\0", " ", ":", "é", "😀", "data: x"));
        return pieces.list().ofMaxSize(12).map(list -> String.join("", list));
    }

    @Property(tries = 200)
    void anyDataRoundTripsThroughTheTestClientAndTheWire(@ForAll("data") String data) throws SseLimitException {
        List<SseSend> sent = new CopyOnWriteArrayList<>();
        Application app = (scope, receive, send) -> {
            Sse sse = Sse.of((SseScope) scope, receive, event -> {
                if (event instanceof SseSend s) {
                    sent.add(s);
                }
                return send.send(event);
            });
            return sse.send(ServerEvent.named("e", data).withId("1")).thenCompose(v -> sse.close());
        };
        String expected = data.replace("\r\n", "\n").replace('\r', '\n');
        try (SseStream stream = TestClient.of(app).sse("/").open()) {
            assertEquals(SseMessage.of("e", expected).withId("1"), stream.next());
            stream.awaitEnd();
        }
        // The same event through the server's encoder and a browser-like decoder.
        SseDecoder decoder = new SseDecoder();
        decoder.feed(SseEncoder.event(sent.get(0)).toByteArray());
        SseFrame frame = (SseFrame) decoder.next().orElseThrow();
        assertEquals(expected, frame.data());
        assertEquals("e", frame.event());
    }

    /** A one-line value with CR, LF or NUL put somewhere in it. */
    @Provide
    Arbitrary<String> broken() {
        return Combinators.combine(Arbitraries.strings().ofMaxLength(10), Arbitraries.of('\r', '\n', '\0'),
                Arbitraries.integers().between(0, 10)).as((s, bad, at) -> {
                    int i = Math.min(at, s.length());
                    return s.substring(0, i) + bad + s.substring(i);
                });
    }

    @Property(tries = 100)
    void anEventOrIdWithCrLfOrNulIsRefusedAndNothingIsSent(@ForAll("broken") String value) {
        assertRefused("event", () -> ServerEvent.named(value, "x"));
        assertRefused("id", () -> ServerEvent.of("x").withId(value));
        List<Object> refused = new CopyOnWriteArrayList<>();
        Application app = (scope, receive, send) -> {
            Sse sse = Sse.of((SseScope) scope, receive, send);
            try {
                sse.send(new ServerEvent(Optional.of(value), "x", Optional.empty(), OptionalLong.empty()));
            } catch (IllegalArgumentException e) {
                refused.add(e);
            }
            return sse.send("after");
        };
        try (SseStream stream = TestClient.of(app).sse("/").open()) {
            assertEquals(SseMessage.of("after"), stream.next());
        }
        assertEquals(1, refused.size());
    }

    private static void assertRefused(String field, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(field + " contains "), e.getMessage());
    }
}
