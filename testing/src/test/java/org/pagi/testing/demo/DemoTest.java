package org.pagi.testing.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The tour runs green and prints what the README promises a newcomer will see. */
class DemoTest {
    private static int status;
    private static String output;
    private static List<String> lines;

    @BeforeAll
    static void runTheTourOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            status = Demo.run(out);
        }
        output = bytes.toString(StandardCharsets.UTF_8);
        lines = output.lines().map(String::strip).toList();
    }

    @Test
    void exitsWithZeroAndSaysEveryExchangeWentAsDescribed() {
        assertEquals(0, status, output);
        assertEquals("Every exchange went as described.", lines.getLast(), output);
    }

    /** Asserts that {@code expected} appear as whole lines, in this order (other lines may come between). */
    private static void assertLinesInOrder(String... expected) {
        int at = 0;
        for (String line : expected) {
            int found = lines.subList(at, lines.size()).indexOf(line);
            assertTrue(found >= 0, () -> "missing line (in order) '" + line + "' in:\n" + output);
            at += found + 1;
        }
    }

    @Nested
    class Http {
        @Test
        void helloShowsTheScopeKeysAndEveryEvent() {
            assertLinesInOrder(
                    "1. GET /: the smallest response",
                    "scope: type=http method=GET path=/ query_string=b\"\"",
                    "headers=[host: testserver, user-agent: pagi-testclient, accept: */*]",
                    "→ http.request body=b\"\" more=false",
                    "← http.response.start status=200 headers=[content-type: text/plain, content-length: 16]",
                    "← http.response.body body=b\"Hello from PAGI!\" more=false",
                    "client got 200: Hello from PAGI!");
        }

        @Test
        void echoReceivesTheBodyAndTheQueryString() {
            assertLinesInOrder(
                    "scope: type=http method=POST path=/echo query_string=b\"from=demo\"",
                    "→ http.request body=b\"hello\" more=false",
                    "client got 200 text/plain; charset=utf-8: hello");
        }

        @Test
        void streamShowsEachChunkAsSentAndAsRead() {
            assertLinesInOrder(
                    "← http.response.body body=b\"one\\n\" more=true",
                    "← http.response.body body=b\"two\\n\" more=true",
                    "← http.response.body body=b\"three\\n\" more=true",
                    "← http.response.body body=b\"\" more=false",
                    "client read chunk 1: b\"one\\n\"",
                    "client read chunk 2: b\"two\\n\"",
                    "client read chunk 3: b\"three\\n\"");
        }
    }

    @Nested
    class WebSocket {
        @Test
        void echoShowsTheHandshakeEachMessageAndTheClose() {
            assertLinesInOrder(
                    "4. WebSocket /ws: the handshake, two messages each way, then the client closes",
                    "→ websocket.connect",
                    "← websocket.accept",
                    "→ websocket.receive text=\"hi\"",
                    "← websocket.send text=\"echo: hi\"",
                    "client got: echo: hi",
                    "→ websocket.receive text=\"PAGI\"",
                    "← websocket.send text=\"echo: PAGI\"",
                    "client got: echo: PAGI",
                    "→ websocket.disconnect code=1000");
        }
    }

    @Nested
    class Sse {
        @Test
        void streamShowsEachEventAsSentAndAsParsed() {
            assertLinesInOrder(
                    "scope: type=sse method=GET path=/events query_string=b\"\"",
                    "→ sse.request body=b\"\" more=false",
                    "← sse.start status=200 headers=[]",
                    "← sse.send event=tick data=\"tick 1\" id=1",
                    "← sse.send event=tick data=\"tick 3\" id=3",
                    "client got event=tick data=tick 1 id=1",
                    "client got event=tick data=tick 3 id=3");
        }
    }

    @Nested
    class Lifespan {
        @Test
        void startupStoresTheCounterThatRequestsThenCount() {
            assertLinesInOrder(
                    "scope: type=lifespan state=[]",
                    "→ lifespan.startup",
                    "← lifespan.startup.complete",
                    "scope: type=http method=GET path=/visits query_string=b\"\" state=[visits]",
                    "client got 200: visit number 1",
                    "client got 200: visit number 2",
                    "→ lifespan.shutdown",
                    "← lifespan.shutdown.complete");
        }
    }
}
