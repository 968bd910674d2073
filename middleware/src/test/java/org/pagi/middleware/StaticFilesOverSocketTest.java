package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.UnsupportedScopeException;

/**
 * The traversal corpus sent as raw request lines to a real server, from a directory root and from a jar root:
 * whatever the server's parser does with a path before the middleware sees it, no case reaches a secret, and files
 * and ranges still go out over the wire (a jar entry streamed in 64 KiB pieces).
 */
class StaticFilesOverSocketTest {

    @Test
    @Timeout(60)
    void rawTraversalRequestsNeverLeakAndFilesAreServed(@TempDir Path base) throws Exception {
        Path root = StaticTree.create(base);
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(StaticFiles.builder(root).passThrough(false).build()
                .wrap(httpOnly()), config)) {
            for (TraversalCorpus.Case c : TraversalCorpus.CASES) {
                String response = exchange(server.port(), c.rawPath(), "");
                assertFalse(response.contains(StaticTree.SECRET), c.tries() + " leaked: " + response);
                assertTrue(response.startsWith("HTTP/1.1 400") || response.startsWith("HTTP/1.1 404"),
                        c.tries() + ": " + response);
            }
            String file = exchange(server.port(), "/a.txt", "");
            assertTrue(file.startsWith("HTTP/1.1 200") && file.endsWith("\r\n\r\n" + StaticTree.DIGITS), file);
            String range = exchange(server.port(), "/a.txt", "Range: bytes=10-19\r\n");
            assertTrue(range.startsWith("HTTP/1.1 206") && range.endsWith("\r\n\r\n0123456789"), range);
        }
    }

    @Test
    @Timeout(60)
    void aJarRootServesTheCorpusAndALargeEntryOverTheWire(@TempDir Path base, @TempDir Path jars) throws Exception {
        Path root = StaticTree.create(base);
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        Files.write(root.resolve("big.txt"), big);
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (URLClassLoader loader = StaticJar.create(base, jars.resolve("site.jar"));
                PagiServer server = PagiServer.start(StaticFiles.classpathBuilder("pub", loader).passThrough(false)
                        .build().wrap(httpOnly()), config)) {
            for (TraversalCorpus.Case c : TraversalCorpus.CASES) {
                String response = exchange(server.port(), c.rawPath(), "");
                assertFalse(response.contains(StaticTree.SECRET), c.tries() + " leaked: " + response);
                assertTrue(response.startsWith("HTTP/1.1 " + c.status()), c.tries() + ": " + response);
            }
            String whole = exchange(server.port(), "/big.txt", "");
            assertTrue(whole.startsWith("HTTP/1.1 200") && whole.toLowerCase(Locale.ROOT).contains(
                    "content-length: 300000\r\n") && whole.endsWith("\r\n\r\n"
                    + new String(big, StandardCharsets.ISO_8859_1)), whole.substring(0, 200));
            String range = exchange(server.port(), "/big.txt", "Range: bytes=131070-131075\r\n");
            assertTrue(range.startsWith("HTTP/1.1 206") && range.endsWith("\r\n\r\n"
                    + new String(big, 131070, 6, StandardCharsets.ISO_8859_1)), range);
        }
    }

    private static Application httpOnly() {
        Application streamed = SecurityHeadersTest.streamed();
        return (scope, receive, send) -> scope instanceof HttpScope ? streamed.call(scope, receive, send)
                : CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
    }

    private static String exchange(int port, String rawPath, String headers) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: test\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
