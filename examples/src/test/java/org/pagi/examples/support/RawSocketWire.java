package org.pagi.examples.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.pagi.protocol.http1.Http1Event;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.protocol.http1.Http1Parser;
import org.pagi.protocol.http1.Http1Writer;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.protocol.http1.ResponseReader;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * A raw socket as the transport of {@link LiveServerClient}, for what the JDK's client cannot show: chunk
 * boundaries and trailers. Each request gets a connection of its own; the request is written with
 * {@link Http1Writer} (one body piece with {@code content-length}, several chunked, one chunk per piece) and the
 * response read with {@link Http1Parser} in the client role, skipping interim (1xx) responses.
 *
 * <p>A response body piece is one {@link Http1Event.Data}: the parser never joins two chunks into one, and the
 * server writes each chunk whole, so for the small chunks of the examples a piece is a chunk. A chunk large
 * enough to span two reads would show as two pieces.
 *
 * <p>Used from one test thread.
 */
final class RawSocketWire implements ExampleClient {
    private static final int TIMEOUT_MILLIS = (int) JdkHttpClientWire.TIMEOUT.toMillis();

    private final int port;

    RawSocketWire(int port) {
        this.port = port;
    }

    @Override
    public ExampleResponse send(ExampleRequest request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(encode(request));
            out.flush();
            return read(socket.getInputStream(), request.method());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] encode(ExampleRequest request) throws IOException {
        List<Bytes> body = request.body();
        Headers headers = Headers.builder().add("host", "127.0.0.1:" + port).addAll(request.headers()).build();
        if (body.size() == 1) {
            headers = headers.with("content-length", Integer.toString(body.get(0).length()));
        } else if (body.size() > 1) {
            headers = headers.with("transfer-encoding", "chunked");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(Http1Writer.requestHead(request.method(), Bytes.ascii(request.path()), headers));
        if (body.size() == 1) {
            bytes.write(body.get(0).toByteArray());
        } else if (body.size() > 1) {
            for (Bytes piece : body) {
                bytes.write(Http1Writer.chunk(piece));
            }
            bytes.write(Http1Writer.lastChunk(Headers.empty()));
        }
        return bytes.toByteArray();
    }

    private static ExampleResponse read(InputStream in, String method) throws IOException {
        try {
            ResponseReader.Response r = new ResponseReader(ResponseReader.of(in, new byte[16 * 1024])).read(method, false);
            return new ExampleResponse(r.status(), r.headers(), r.pieces(), r.trailers());
        } catch (ProtocolException e) {
            throw new AssertionError("the server sent malformed HTTP: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new AssertionError("the server closed without answering", e);
        }
    }



    @Override
    public void close() {
        // every request closed its own connection
    }
}
