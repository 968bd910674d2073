package org.pagi.compliance;

import static org.pagi.compliance.ConformanceAppLiveTest.TIMEOUT;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.protocol.http1.ResponseReader;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * One response read off a fresh connection with the client-role parser: one body piece per
 * {@link org.pagi.protocol.http1.Http1Event.Data}, which never spans two chunks (the server writes each small chunk whole, so each piece is
 * a chunk), and the trailers.
 */
record RawResponse(int status, Headers headers, List<Bytes> chunks, Headers trailers) {

    /** Sends {@code request} as written and reads the response; fails after {@link ConformanceAppLiveTest#TIMEOUT}. */
    static RawResponse exchange(int port, String request, String method) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream(), method);
        }
    }

    /** Sends {@code request} as written and returns every byte up to the server's close, as ISO-8859-1 text. */
    static String readToClose(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + TIMEOUT, e);
        }
    }

    private static RawResponse read(InputStream in, String method) throws IOException {
        try {
            ResponseReader.Response r = new ResponseReader(ResponseReader.of(in, new byte[16 * 1024]))
                    .read(method, false);
            return new RawResponse(r.status(), r.headers(), r.pieces(), r.trailers());
        } catch (ProtocolException e) {
            throw new AssertionError("the server sent malformed HTTP: " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response within " + TIMEOUT, e);
        }
    }
}
