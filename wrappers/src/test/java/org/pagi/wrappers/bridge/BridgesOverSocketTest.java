package org.pagi.wrappers.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.BufferedInputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;

/**
 * {@link HttpHandlerApp} and {@link CgiApp} on a real {@link PagiServer}: 24 MiB echoed through each, counted and
 * checksummed on the client, with every event the bridge exchanged with the server recorded: no body event holds
 * more than one piece, so neither body was gathered whole on the way.
 */
@Timeout(120)
class BridgesOverSocketTest {
    private static final int SIZE = 24 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void anHttpHandlerEchoesTwentyFourMebibytesAsItReadsThem() throws Exception {
        HttpHandler echo = ex -> {
            ex.sendResponseHeaders(200, 0);
            byte[] buf = new byte[32 * 1024];
            try (InputStream in = ex.getRequestBody(); OutputStream out = ex.getResponseBody()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                }
            }
        };
        echoThrough(HttpHandlerApp.of(echo), HttpHandlerApp.DEFAULT_BUFFER_BYTES);
    }

    @Test
    void aCgiScriptEchoesTwentyFourMebibytesThroughItsPipes() throws Exception {
        Path cat = CgiScripts.script(dir, "cat.sh", "printf 'Content-Type: application/octet-stream\\n\\n'\nexec cat\n");
        echoThrough(CgiApp.builder(cat).timeout(Duration.ofSeconds(60)).build(), 64 * 1024);
    }

    private void echoThrough(Application bridge, int largestAllowed) throws Exception {
        AtomicInteger requestEvents = new AtomicInteger();
        List<Integer> responsePieces = new CopyOnWriteArrayList<>();
        Application recorded = (scope, receive, send) -> bridge.call(scope, () -> receive.receive().thenApply(e -> {
            requestEvents.incrementAndGet();
            return e;
        }), (Event e) -> {
            if (e instanceof HttpResponseBody b) {
                responsePieces.add(b.body().length());
            }
            return send.send(e);
        });
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .maxBodyBytes(64L * 1024 * 1024).shutdownGrace(Duration.ofSeconds(2)).build();
        byte[] upload = PagiHttpHandlerTest.pattern(0, SIZE);
        CRC32 sent = new CRC32();
        sent.update(upload);
        try (PagiServer server = PagiServer.start(recorded, config);
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(60_000);
            // Full duplex, as an echo needs: one thread uploads while this one reads the echo as it comes.
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + SIZE + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    for (int at = 0; at < SIZE; at += 8192) {
                        out.write(upload, at, 8192);
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertTrue(line(in).startsWith("HTTP/1.1 200"));
            boolean chunked = false;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                chunked |= h.equalsIgnoreCase("transfer-encoding: chunked");
            }
            assertTrue(chunked, "the echo is streamed, its length unknown when it starts");
            long count = 0;
            CRC32 received = new CRC32();
            byte[] buf = new byte[64 * 1024];
            for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                for (int left = size; left > 0; ) {
                    int n = in.read(buf, 0, Math.min(left, buf.length));
                    assertTrue(n > 0, "the echo was cut after " + count + " bytes");
                    received.update(buf, 0, n);
                    count += n;
                    left -= n;
                }
                assertEquals("", line(in));
            }
            writer.join();
            assertEquals(SIZE, count);
            assertEquals(sent.getValue(), received.getValue());
        }
        assertTrue(requestEvents.get() > 100, requestEvents + " request events");
        assertTrue(responsePieces.size() > 100, responsePieces.size() + " response events");
        int largest = responsePieces.stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(largest <= largestAllowed, "largest response event " + largest);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection ended inside a line: " + out);
            }
            if (b != '\r') {
                out.append((char) b);
            }
        }
        return out.toString();
    }
}
