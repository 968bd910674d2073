package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.server.TestApps.readBody;
import static org.pagi.server.TestApps.text;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;

/**
 * How much one socket read takes: a 64 KiB upload that is already waiting in the socket, head and body, reaches
 * the application as one {@code http.request}, so an echo answers it with one write and a content-length. Over
 * a Unix-domain socket, where no TCP window holds back part of the request until the server reads.
 */
class ServerReadSizeTest {
    private static final int BODY = 64 * 1024;

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWaiting64KiBUploadWithItsHeadIsReadInOnePiece(@TempDir Path dir) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // On the loop: while it waits, the loop reads nothing, so the upload below waits whole in its socket.
        Application hold = TestApps.http((scope, rc, sd) -> {
            holding.countDown();
            release.await(10, TimeUnit.SECONDS);
            text(sd, 200, "held");
        });
        Application countPieces = TestApps.onVirtualThread(HttpScope.class, (scope, rc, sd) -> {
            List<Integer> pieces = new ArrayList<>();
            int length = readBody(rc, pieces).length();
            text(sd, 200, length + " bytes in pieces " + pieces);
        });
        Application app = (scope, rc, sd) -> scope instanceof HttpScope http && http.path().equals("/hold")
                ? hold.call(scope, rc, sd) : countPieces.call(scope, rc, sd);
        Path path = dir.resolve("pagi.sock");
        try (LiveServer s = new LiveServer(app, ServerConfig.builder().executionMode(ExecutionMode.EVENT_LOOP)
                .loops(1).unixSocket(path));
                SocketChannel holder = connect(path);
                SocketChannel uploader = connect(path)) {
            write(holder, "GET /hold HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(holding.await(10, TimeUnit.SECONDS), "the holding request reached the application");
            byte[] head = ("POST /upload HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " + BODY
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            write(uploader, head, new byte[BODY]); // returns once the whole request is in the server's socket
            release.countDown();
            assertTrue(readAll(holder).endsWith("held"));
            String answer = readAll(uploader);
            assertTrue(answer.endsWith(BODY + " bytes in pieces [" + BODY + "]"), answer);
        }
    }

    private static SocketChannel connect(Path path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(path));
        return channel;
    }

    private static void write(SocketChannel channel, byte[]... parts) throws IOException {
        ByteBuffer[] buffers = new ByteBuffer[parts.length];
        for (int i = 0; i < parts.length; i++) {
            buffers[i] = ByteBuffer.wrap(parts[i]);
        }
        while (buffers[parts.length - 1].hasRemaining()) {
            channel.write(buffers);
        }
    }

    /** @return the whole answer of a {@code Connection: close} request, until the server closes (the test's timeout bounds it) */
    private static String readAll(SocketChannel channel) throws IOException {
        return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
