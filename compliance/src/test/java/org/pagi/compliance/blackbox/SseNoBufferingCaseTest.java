package org.pagi.compliance.blackbox;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.compliance.ConformanceApp;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;

/**
 * The {@code sse.no-buffering} case tells a server that streams from one that holds events back, with room for a
 * loaded machine: server-jdk passes; a server that writes the whole stream at once fails, and so does one that
 * sends the head at once and the events long after. Those two write their bytes in one piece each, so what the
 * case finds does not depend on timing.
 */
@Timeout(30)
class SseNoBufferingCaseTest {
    private static final String EVENTS = "event: tick\ndata: 1\nid: 1\n\nevent: tick\ndata: 2\nid: 2\n\n"
            + "event: tick\ndata: 3\nid: 3\n\nevent: tick\ndata: 4\nid: 4\n\nevent: tick\ndata: 5\nid: 5\n\n"
            + "event: done\ndata: finished\n\n";
    private static final String HEAD = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
            + "cache-control: no-cache\r\ntransfer-encoding: chunked\r\n\r\n";
    private static final String BODY = Integer.toHexString(EVENTS.length()) + "\r\n" + EVENTS + "\r\n0\r\n\r\n";

    private static WireCase noBuffering() {
        return WireSuite.all().cases(Set.of(Category.SSE)).stream().filter(c -> c.id().equals("sse.no-buffering"))
                .findFirst().orElseThrow();
    }

    private static Target target(int port) {
        return new Target("127.0.0.1", port, false, Duration.ofSeconds(10));
    }

    @Test
    void serverJdkStreamsEachEventAsItIsSent() throws IOException {
        try (PagiServer server = PagiServer.start(new ConformanceApp(), ServerConfig.builder().host("127.0.0.1")
                .port(0).accessLog(false).shutdownGrace(Duration.ofSeconds(1)).build())) {
            assertDoesNotThrow(() -> noBuffering().body().run(target(server.port())));
        }
    }

    @Test
    void aServerThatWritesTheWholeStreamAtOnceHeldEventsBack() throws Exception {
        try (OneResponse server = new OneResponse(HEAD + BODY, "", Duration.ZERO)) {
            CaseFailed failed = assertThrows(CaseFailed.class, () -> noBuffering().body().run(target(server.port())));
            assertTrue(failed.getMessage().contains("the server held events back"), failed.getMessage());
        }
    }

    @Test
    void aServerThatSendsTheHeadAtOnceAndTheEventsLongAfterIsLate() throws Exception {
        try (OneResponse server = new OneResponse(HEAD, BODY, Duration.ofMillis(1500))) {
            CaseFailed failed = assertThrows(CaseFailed.class, () -> noBuffering().body().run(target(server.port())));
            assertTrue(failed.getMessage().startsWith("tick 1 came "), failed.getMessage());
        }
    }

    /** Answers one connection: {@code first} once the request head is in, {@code then} after {@code pause}. */
    private static final class OneResponse implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final Thread thread;

        OneResponse(String first, String then, Duration pause) throws IOException {
            thread = Thread.ofVirtual().name("one-response").start(() -> answer(first, then, pause));
        }

        int port() {
            return listener.getLocalPort();
        }

        private void answer(String first, String then, Duration pause) {
            try (Socket client = listener.accept()) {
                InputStream in = client.getInputStream();
                for (int last4 = 0, b; last4 != 0x0d0a0d0a && (b = in.read()) != -1; ) {
                    last4 = last4 << 8 | b; // until CRLF CRLF, the end of the head
                }
                OutputStream out = client.getOutputStream();
                out.write(first.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!then.isEmpty()) {
                    Thread.sleep(pause);
                    out.write(then.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException | InterruptedException ended) {
                // the test is over: the listener closed, or the case stopped reading
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            listener.close();
            thread.join(Duration.ofSeconds(5));
        }
    }
}
