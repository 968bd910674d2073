package org.pagi.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.pagi.spec.Bytes;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketSession;

/** The echo routes of {@link ConformanceApp} give back any input unchanged, however it is split. */
class ConformanceAppPropertiesTest {
    private final TestClient client = TestClient.of(new ConformanceApp());

    /** Bodies as the pieces a client may send them in, empty pieces included. */
    @Provide
    Arbitrary<List<Bytes>> pieces() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(Bytes::of).list().ofMinSize(1).ofMaxSize(8);
    }

    /** Strings of valid code points: unpaired surrogates have no UTF-8 form, so no client can send them. */
    @Provide
    Arbitrary<String> text() {
        return Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .list().ofMaxSize(64)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString());
    }

    @Property(tries = 200)
    void websocketEchoesAnyBytesAsBinary(@ForAll @Size(max = 4096) byte[] data) {
        try (WebSocketSession ws = client.websocket("/ws").connect()) {
            ws.sendBytes(Bytes.of(data));
            assertEquals(Bytes.of(data), ws.receiveBytes());
        }
    }

    @Property(tries = 200)
    void websocketEchoesAnyTextAsText(@ForAll("text") String text) {
        try (WebSocketSession ws = client.websocket("/ws").connect()) {
            ws.sendText(text);
            assertEquals(text, ws.receiveText());
        }
    }

    @Property(tries = 200)
    void httpEchoGivesBackAnyBodyPieceByPiece(@ForAll("pieces") List<Bytes> pieces) {
        TestResponse response = client.post("/echo").bodyChunks(pieces).send();
        assertEquals(200, response.status());
        assertEquals(pieces.stream().reduce(Bytes.empty(), Bytes::concat), response.body());
        assertEquals(pieces.stream().filter(p -> !p.isEmpty()).toList(), response.chunks());
    }
}
