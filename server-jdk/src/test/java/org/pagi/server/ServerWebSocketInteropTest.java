package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.event.WebSocketDisconnect;

/**
 * Two clients that share no code with the server: the JDK's {@code java.net.http.WebSocket} (which offers no
 * compression) and Debian's {@code python3-websockets} (with and without permessage-deflate), both against the
 * echo application.
 */
class ServerWebSocketInteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Collects what the JDK client receives; text pieces are joined up to the last one. */
    static final class Collector implements WebSocket.Listener {
        final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        Object next() throws InterruptedException {
            Object o = messages.poll(10, TimeUnit.SECONDS);
            if (o == null) {
                throw new AssertionError("no echo within 10 s");
            }
            return o;
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void theJdkClientExchangesWholeAndFragmentedMessagesAndClosesCleanly(ExecutionMode mode) throws Exception {
        CompletableFuture<WebSocketDisconnect> ended = new CompletableFuture<>();
        try (LiveServer s = LiveServer.start(ServerWebSocketTest.echo(ended), mode);
                HttpClient http = HttpClient.newHttpClient()) {
            Collector got = new Collector();
            WebSocket ws = http.newWebSocketBuilder().subprotocols("echo")
                    .buildAsync(URI.create("ws://127.0.0.1:" + s.port() + "/echo"), got).get(5, TimeUnit.SECONDS);
            for (int size : new int[] {0, 125, 126, 65536, 1 << 20}) {
                String text = "ü".repeat(size);
                ws.sendText(text, true).get(5, TimeUnit.SECONDS);
                assertEquals(text, got.next());
                byte[] data = new byte[size];
                new java.util.Random(size).nextBytes(data);
                ws.sendBinary(ByteBuffer.wrap(data), true).get(5, TimeUnit.SECONDS);
                assertTrue(java.util.Arrays.equals(data, (byte[]) got.next()), "binary echo of " + size + " bytes");
            }
            ws.sendText("frag", false).get(5, TimeUnit.SECONDS);
            ws.sendPing(ByteBuffer.wrap("p".getBytes(StandardCharsets.US_ASCII))).get(5, TimeUnit.SECONDS);
            ws.sendText("mented", true).get(5, TimeUnit.SECONDS);
            assertEquals("fragmented", got.next());
            ws.sendClose(4000, "done").get(5, TimeUnit.SECONDS);
            assertEquals(4000, got.closed.get(5, TimeUnit.SECONDS));
            assertEquals(new WebSocketDisconnect(4000, "done"), ended.get(5, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deflate", "none"})
    void pythonWebsocketsInteroperatesWithAndWithoutCompression(String compression) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c",
                "import websockets").start().waitFor() == 0,
                "needs Debian's python3-websockets (apt-get install python3-websockets; .ci/run installs it)");
        Path script = Files.createTempFile("ws_interop_client", ".py");
        try (var in = getClass().getResourceAsStream("/ws_interop_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        try (LiveServer s = LiveServer.start(ServerWebSocketTest.echo(new CompletableFuture<>()),
                ExecutionMode.VIRTUAL_THREADS)) {
            Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), "ws://127.0.0.1:" + s.port() + "/",
                    compression).redirectErrorStream(true).start();
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(done, "the python client did not finish in 60 s: " + output);
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("OK compression=" + compression), output);
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
