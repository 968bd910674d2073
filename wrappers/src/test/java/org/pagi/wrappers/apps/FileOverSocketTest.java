package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.wrappers.files.StaticJar;
import org.pagi.wrappers.files.StaticTree;
import org.pagi.wrappers.files.TraversalCorpus;

/**
 * The File and Directory apps on a real server, sent raw request lines: whatever the server's parser does with a
 * path first, no traversal case reaches a secret, from a directory or a jar root; a large file and a range of it
 * go out whole over the wire (a jar entry in 64 KiB pieces); a folder is listed.
 */
@Timeout(60)
class FileOverSocketTest {

    private static final byte[] BIG = new byte[300_000];

    static {
        for (int i = 0; i < BIG.length; i++) {
            BIG[i] = (byte) ('a' + i % 26);
        }
    }

    private static PagiServer start(Application app) throws IOException {
        return PagiServer.start(app, ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build());
    }

    @Test
    void aDirectoryRootServesALargeFileAndARangeAndNeverLeaks(@TempDir Path base) throws Exception {
        Path root = StaticTree.create(base);
        Files.write(root.resolve("big.txt"), BIG);
        try (PagiServer server = start(File.builder(root).build())) {
            assertServes(server);
        }
    }

    @Test
    void aJarRootServesALargeEntryAndARangeAndNeverLeaks(@TempDir Path base, @TempDir Path jars) throws Exception {
        Path root = StaticTree.create(base);
        Files.write(root.resolve("big.txt"), BIG);
        try (URLClassLoader loader = StaticJar.create(base, jars.resolve("site.jar"));
                PagiServer server = start(File.classpathBuilder("pub", loader).build())) {
            assertServes(server);
        }
    }

    private static void assertServes(PagiServer server) throws IOException {
        for (TraversalCorpus.Case c : TraversalCorpus.CASES) {
            String response = exchange(server.port(), c.rawPath(), "");
            assertFalse(response.contains(StaticTree.SECRET), c.tries() + " leaked: " + response);
            assertTrue(response.startsWith("HTTP/1.1 400") || response.startsWith("HTTP/1.1 404"),
                    c.tries() + ": " + response);
        }
        String whole = exchange(server.port(), "/big.txt", "");
        assertTrue(whole.startsWith("HTTP/1.1 200") && whole.toLowerCase(Locale.ROOT)
                .contains("content-length: 300000\r\n") && whole.endsWith("\r\n\r\n"
                + new String(BIG, StandardCharsets.ISO_8859_1)), whole.substring(0, 200));
        String range = exchange(server.port(), "/big.txt", "Range: bytes=131070-231069\r\n");
        assertTrue(range.startsWith("HTTP/1.1 206") && range.toLowerCase(Locale.ROOT)
                .contains("content-range: bytes 131070-231069/300000\r\n") && range.endsWith("\r\n\r\n"
                + new String(BIG, 131070, 100_000, StandardCharsets.ISO_8859_1)), range.substring(0, 200));
    }

    @Test
    void aDirectoryIsListedOverTheWire(@TempDir Path base) throws Exception {
        Path root = StaticTree.create(base);
        Path file = Files.writeString(root.resolve("empty/caf\u00e9 & <b>.txt"), "12345");
        try (PagiServer server = start(Directory.builder(root).build())) {
            String html = exchange(server.port(), "/sub/", "Accept: text/html\r\n");
            assertTrue(html.startsWith("HTTP/1.1 200"), html);
            assertTrue(html.contains("<p>sub</p>"), "sub holds an index file: " + html);
            String listing = exchange(server.port(), "/empty/", "");
            assertTrue(listing.startsWith("HTTP/1.1 200") && listing.contains("Index of /empty/")
                    && listing.contains("<a href=\"caf%C3%A9%20%26%20%3Cb%3E.txt\">caf\u00e9 &amp; &lt;b&gt;.txt</a>"),
                    listing);
            String json = exchange(server.port(), "/empty/", "Accept: application/json\r\n");
            assertTrue(json.startsWith("HTTP/1.1 200") && json.endsWith("\r\n\r\n[{\"name\":\"caf\u00e9 & <b>.txt\","
                    + "\"is_dir\":0,\"size\":5,\"mtime\":"
                    + Files.getLastModifiedTime(file).toInstant().getEpochSecond() + "}]"), json);
        }
    }

    private static String exchange(int port, String rawPath, String headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: test\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
