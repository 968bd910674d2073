package org.pagi.jmh.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.pagi.protocol.http1.Http1Event;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.protocol.http1.Http1Parser;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.spec.Headers;

/**
 * A one-connection HTTP/1.1 client for the peer tests: raw bytes out, and our own parser in the client role
 * reading the answers, so a test can send exactly {@code Connection: close} and see whether the server then
 * closes. Every read has a 5 s timeout. Not thread-safe.
 */
final class RawClient implements AutoCloseable {
    /** A parsed response. */
    record Response(int status, Headers headers, byte[] body, boolean keepAlive) {
        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Http1Parser parser = new Http1Parser(Http1Parser.Role.CLIENT, Http1Limits.defaults());
    private final byte[] buf = new byte[16 * 1024];

    RawClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends a request head and body, and reads one response. */
    Response exchange(String method, String requestHead, byte[] body) throws IOException, ProtocolException {
        out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        parser.expectResponseTo(method);
        return read();
    }

    private Response read() throws IOException, ProtocolException {
        Http1Event.Response head = null;
        byte[] body = new byte[0];
        while (true) {
            switch (parser.next()) {
                case Http1Event.NeedData n -> {
                    int got = in.read(buf);
                    if (got < 0) {
                        parser.feedEof();
                    } else {
                        parser.feed(buf, 0, got);
                    }
                }
                case Http1Event.Response r -> head = r;
                case Http1Event.Data d -> {
                    int old = body.length;
                    body = Arrays.copyOf(body, old + d.data().length());
                    System.arraycopy(d.data().toByteArray(), 0, body, old, d.data().length());
                }
                case Http1Event.EndOfMessage e -> {
                    return new Response(head.status(), head.headers(), body, head.keepAlive());
                }
                // The previous response's end: move on to this one.
                case Http1Event.Paused p -> parser.nextMessage();
                case Http1Event.Request r -> throw new IllegalStateException("a client-role parser read a request");
                case Http1Event.ConnectionClosed c -> throw new IOException("the server closed without answering");
            }
        }
    }

    /** @return whether the server has closed the connection: the next read sees the end of the stream */
    boolean serverClosed() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
