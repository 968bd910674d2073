package org.pagi.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.protocol.http1.ResponseReader;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * A raw TCP client for black-box tests: writes bytes exactly as given, reads responses with the production
 * parser in the client role, and fails (never hangs) after a timeout.
 */
final class RawConnection implements AutoCloseable {
    /** One response as read off the wire. */
    record Response(int status, Headers headers, Bytes body, Headers trailers, boolean keepAlive) {
        String text() {
            return body.utf8();
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ResponseReader reader = new ResponseReader(this::fill);
    private final byte[] buf = new byte[16 * 1024];
    private final StringBuilder pending = new StringBuilder();

    RawConnection(int port) throws IOException {
        this(plain(port));
    }

    /** Speaks over {@code socket}, already connected: a TLS socket makes this an HTTPS client. */
    RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    private static Socket plain(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /**
     * Waits up to {@code timeout} for each read instead of 5 s: for tests that load the machine on purpose,
     * where a slow answer is not the failure they look for.
     */
    RawConnection timeout(java.time.Duration timeout) throws IOException {
        socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
        return this;
    }

    RawConnection send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawConnection send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
        return this;
    }

    /** Reads the next final response (skipping 1xx unless asked). */
    Response read() throws IOException {
        return read(false, "GET");
    }

    Response read(boolean keepInterim, String method) throws IOException {
        try {
            ResponseReader.Response r = reader.read(method, keepInterim);
            return new Response(r.status(), r.headers(), r.body(), r.trailers(), r.keepAlive());
        } catch (ProtocolException pe) {
            throw new AssertionError("the server sent malformed HTTP: " + pe.getMessage(), pe);
        } catch (java.io.EOFException closed) {
            throw new AssertionError("the server closed the connection", closed);
        }
    }

    private byte[] fill() throws IOException {
        int n;
        try {
            n = in.read(buf);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response within " + socket.getSoTimeout() + " ms", e);
        }
        return n < 0 ? new byte[0] : java.util.Arrays.copyOf(buf, n);
    }

    /** @return everything the server sends until it closes (raw), failing after the timeout */
    byte[] readToClose() throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        int n;
        try {
            while ((n = in.read(buf)) >= 0) {
                all.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close within " + socket.getSoTimeout() + " ms; got " + all, e);
        }
        return all.toByteArray();
    }

    /**
     * Reads until {@code marker} (Latin-1) arrives, failing after the timeout. Bytes after the marker are kept for
     * the next call; do not mix with {@link #read()} on the same connection.
     *
     * @return everything up to and including the marker, since the previous call
     */
    String readUntil(String marker) throws IOException {
        int at;
        while ((at = pending.indexOf(marker)) < 0) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no '" + marker.replace("\r\n", "\\r\\n") + "' within 5 s; got: " + pending,
                        e);
            }
            if (n < 0) {
                throw new AssertionError("the server closed before sending '" + marker + "'; got: " + pending);
            }
            pending.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        String out = pending.substring(0, at + marker.length());
        pending.delete(0, at + marker.length());
        return out;
    }

    /** @return whether the server closed the connection (EOF or reset) within the timeout */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** @return whether the connection was reset (not closed cleanly) by the server */
    boolean resetByServer() throws IOException {
        try {
            while (in.read(buf) >= 0) {
                // skip whatever came before the reset
            }
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static List<String> lines(byte[] raw) {
        return new ArrayList<>(List.of(new String(raw, StandardCharsets.ISO_8859_1).split("\r\n")));
    }
}
