package org.pagi.compliance.blackbox;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.protocol.http1.ResponseReader;

/**
 * A raw HTTP/1.1 connection for wire cases: bytes out exactly as the case writes them, responses read back with
 * the kit's client-role parser ({@link ResponseReader}), or raw bytes up to a marker for streams. Every read
 * fails after the target's timeout with a {@link CaseFailed}, never hangs.
 *
 * <p>Mixing: {@link #readUntil} keeps bytes after its marker for the next read of either kind, but bytes the
 * parser read ahead (a pipelined second response) stay with the parser. Used from one thread.
 */
public final class HttpConnection implements AutoCloseable {
    private final Target target;
    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ResponseReader reader = new ResponseReader(this::next);

    HttpConnection(Target target, Socket socket) throws IOException {
        this.target = target;
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Writes {@code raw} (ISO-8859-1) as it is. */
    public HttpConnection send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code raw} as it is. */
    public HttpConnection send(byte[] raw) throws IOException {
        socket.getOutputStream().write(raw);
        socket.getOutputStream().flush();
        return this;
    }

    /** @return the next final response to a request of {@code method} (1xx skipped) */
    public ResponseReader.Response read(String method) throws IOException {
        return read(method, false);
    }

    /** @return the next response, a 1xx one too when {@code keepInterim} */
    public ResponseReader.Response read(String method, boolean keepInterim) throws IOException {
        try {
            return reader.read(method, keepInterim);
        } catch (ProtocolException e) {
            throw new CaseFailed("the server wrote malformed HTTP: " + e.getMessage());
        } catch (EOFException e) {
            throw new CaseFailed("the server closed the connection without a response");
        }
    }

    /** @return the bytes up to and including {@code marker} (ISO-8859-1), reading as needed */
    public String readUntil(String marker) throws IOException {
        while (true) {
            String have = pending.toString(StandardCharsets.ISO_8859_1);
            int at = have.indexOf(marker);
            if (at >= 0) {
                byte[] all = pending.toByteArray();
                int end = at + marker.length();
                pending.reset();
                pending.write(all, end, all.length - end);
                return have.substring(0, end);
            }
            int n = readSocket("'" + Expect.excerpt(marker) + "'", have);
            if (n < 0) {
                throw new CaseFailed("the server closed before sending " + Expect.excerpt(marker) + "; got "
                        + Expect.excerpt(have));
            }
            pending.write(buffer, 0, n);
        }
    }

    /** @return everything the server sends until it closes, failing after the timeout */
    public String readToClose() throws IOException {
        while (true) {
            int n = readSocket("the end of the connection", pending.toString(StandardCharsets.ISO_8859_1));
            if (n < 0) {
                String all = pending.toString(StandardCharsets.ISO_8859_1);
                pending.reset();
                return all;
            }
            pending.write(buffer, 0, n);
        }
    }

    /** @return whether the server closed (FIN or reset) within the timeout, discarding what came before */
    public boolean closedByServer() throws IOException {
        try {
            while (in.read(buffer) >= 0) {
                // drain whatever came before the end
            }
            return true;
        } catch (SocketException | SSLException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    /** Half-closes: the server sees the end of the request stream, as from a client that is done sending. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** @return the socket, for cases that need its options */
    public Socket socket() {
        return socket;
    }

    /** @return the target this connection reaches */
    public Target target() {
        return target;
    }

    private int readSocket(String waitingFor, String got) throws IOException {
        try {
            return in.read(buffer);
        } catch (SocketTimeoutException e) {
            throw new CaseFailed("no " + waitingFor + " within " + target.timeout().toMillis() + " ms; got "
                    + Expect.excerpt(got));
        } catch (SocketException | SSLException reset) {
            return -1;
        }
    }

    /** The parser's source: bytes kept by {@link #readUntil} first, then the socket; empty at the end. */
    private byte[] next() throws IOException {
        if (pending.size() > 0) {
            byte[] b = pending.toByteArray();
            pending.reset();
            return b;
        }
        int n = readSocket("response", "");
        return n < 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
