package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;

/** The wire case: a proxy on 127.0.0.1 forwards a request carrying X-Forwarded-For and X-Forwarded-Proto. */
class ProxyHeadersOnServerTest {

    @Test
    @Timeout(20)
    void aTrustedLoopbackProxysHeadersReachTheApplicationResolved() throws Exception {
        var app = ProxyHeaders.builder().trustedProxy("127.0.0.1").build().wrap(ProxyHeadersTest.SEEN);
        PagiServer server = PagiServer.start(app, ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build());
        try {
            String trusted = exchange(server.port(), "X-Forwarded-For: 198.51.100.9, 127.0.0.1\r\n"
                    + "X-Forwarded-Proto: https\r\nX-Forwarded-Host: shop.example\r\n");
            assertTrue(trusted.startsWith("HTTP/1.1 200"), trusted);
            assertTrue(trusted.endsWith("198.51.100.9:0 https shop.example"), trusted);
            String malformed = exchange(server.port(), "X-Forwarded-For: 198.51.100.9, not-an-ip\r\n");
            assertTrue(malformed.startsWith("HTTP/1.1 400"), malformed);
            assertTrue(malformed.contains("X-Forwarded-For"), malformed);
        } finally {
            server.close();
        }
    }

    private static String exchange(int port, String extraHeaders) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /who HTTP/1.1\r\nHost: internal:8080\r\n" + extraHeaders + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int bodyStart = response.indexOf("\r\n\r\n") + 4;
            String head = response.substring(0, bodyStart);
            String body = response.substring(bodyStart);
            // the body of the streamed answer is chunked: keep only the chunk payloads
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                StringBuilder sb = new StringBuilder();
                int i = 0;
                while (true) {
                    int eol = body.indexOf("\r\n", i);
                    int size = Integer.parseInt(body.substring(i, eol).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    sb.append(body, eol + 2, eol + 2 + size);
                    i = eol + 2 + size + 2;
                }
                body = sb.toString();
            }
            return head + body;
        }
    }
}
