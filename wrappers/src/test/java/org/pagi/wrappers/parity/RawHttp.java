package org.pagi.wrappers.parity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * A small HTTP/1.1 client over a socket, for what {@code java.net.http} hides: trailers, HEAD and exact headers.
 * One request per connection ({@code Connection: close}); the body is written on its own thread so that an early
 * answer (a 413 before the body was read) is read while the rest is still being sent.
 */
final class RawHttp implements AutoCloseable {

    /** A response head; the body is read from {@link #body()}. */
    record Head(int status, Headers headers) {
    }

    private final Socket socket;
    private final InputStream in;
    private Head head;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new java.io.BufferedInputStream(socket.getInputStream());
    }

    /** Sends {@code call} to 127.0.0.1:{@code port} and reads the response head. */
    static RawHttp send(int port, Driver.HttpCall call) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        RawHttp http = new RawHttp(socket);
        StringBuilder head = new StringBuilder(call.method()).append(' ').append(call.target())
                .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
        for (Map.Entry<String, String> h : call.headers()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (call.chunked()) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (!call.body().isEmpty()) {
            head.append("Content-Length: ").append(call.body().length()).append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (!call.body().isEmpty()) {
            byte[] body = call.chunked() ? chunked(call) : call.body().toByteArray();
            Thread.ofVirtual().name("raw-http-body").start(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed before taking the whole body: the answer is what counts
                }
            });
        }
        http.head = http.readHead();
        return http;
    }

    /** The body in chunked framing: one chunk per {@link Driver.HttpCall#pieces()}, then the last chunk. */
    private static byte[] chunked(Driver.HttpCall call) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Bytes piece : call.pieces()) {
            out.writeBytes((Integer.toHexString(piece.length()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(piece.toByteArray());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    Head head() {
        return head;
    }

    /** The whole response: status, headers, body (none for HEAD, 1xx, 204, 304) and trailers. */
    static Driver.HttpResult exchange(int port, Driver.HttpCall call) throws IOException {
        try (RawHttp http = send(port, call)) {
            Headers trailers = Headers.empty();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int status = http.head.status();
            boolean noBody = call.method().equals("HEAD") || status < 200 || status == 204 || status == 304;
            if (!noBody) {
                if (http.isChunked()) {
                    trailers = http.readChunks(body);
                } else {
                    String length = http.head.headers().first("content-length").orElse(null);
                    body.write(length == null ? http.in.readAllBytes() : http.in.readNBytes(Integer.parseInt(length)));
                }
            }
            return Driver.HttpResult.of(status, http.head.headers(), Bytes.of(body.toByteArray()), trailers);
        }
    }

    boolean isChunked() {
        return head.headers().all("transfer-encoding").stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
    }

    /** Reads one chunk into {@code out}; @return false at the last (empty) chunk, whose trailers stay unread */
    boolean readChunk(ByteArrayOutputStream out) throws IOException {
        String sizeLine = line();
        int semi = sizeLine.indexOf(';');
        int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
        if (size == 0) {
            return false;
        }
        out.write(in.readNBytes(size));
        line(); // the CRLF after the data
        return true;
    }

    private Headers readChunks(ByteArrayOutputStream out) throws IOException {
        while (readChunk(out)) {
            // keep reading
        }
        return fields();
    }

    private Head readHead() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        return new Head(Integer.parseInt(status.substring(9, 12)), fields());
    }

    private Headers fields() throws IOException {
        List<String> namesAndValues = new ArrayList<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            namesAndValues.add(line.substring(0, colon).trim());
            namesAndValues.add(line.substring(colon + 1).trim());
        }
        return Headers.of(namesAndValues.toArray(String[]::new));
    }

    /** One CRLF-terminated line, without the CRLF (ISO-8859-1, as field values are octets). */
    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the connection closed inside a line: " + line);
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    InputStream in() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
