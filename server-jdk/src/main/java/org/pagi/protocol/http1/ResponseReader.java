package org.pagi.protocol.http1;

import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * Reads whole responses off a byte stream with the client-role parser: for clients that want a response, not
 * events (the test client's wire mode, black-box tests, the compliance suite). Bodies are collected in memory,
 * without a size limit. Not thread-safe.
 */
public final class ResponseReader {

    /** Where the bytes come from. */
    @FunctionalInterface
    public interface Source {
        /** @return the next bytes; an empty array means the peer closed the connection */
        byte[] read() throws java.io.IOException;
    }

    /**
     * One response.
     *
     * @param status    the status code
     * @param reason    the reason phrase
     * @param headers   the header fields as written
     * @param body      the body, de-chunked
     * @param pieces    the body as the parser handed it out, one non-empty piece per read within a chunk (a
     *                  chunk that arrived whole is one piece)
     * @param trailers  the trailer fields of a chunked body
     * @param keepAlive whether the connection stays open after it
     */
    public record Response(int status, String reason, Headers headers, Bytes body, java.util.List<Bytes> pieces,
            Headers trailers, boolean keepAlive) {
        /** Copies the pieces. */
        public Response {
            pieces = java.util.List.copyOf(pieces);
        }

        /** @return the body as UTF-8 text */
        public String text() {
            return body.utf8();
        }
    }

    private final Http1Parser parser = new Http1Parser(Http1Parser.Role.CLIENT,
            Http1Limits.defaults().withMaxBodyBytes(0));
    private final Source source;

    /** @return a source reading {@code in} through {@code buffer}; end of stream reads as the peer closing */
    public static Source of(java.io.InputStream in, byte[] buffer) {
        return () -> {
            int n = in.read(buffer);
            return n < 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
        };
    }

    /** @param source where the bytes come from */
    public ResponseReader(Source source) {
        this.source = source;
    }

    /**
     * @param method      the method of the request it answers (a HEAD response has no body)
     * @param keepInterim whether to return a 1xx response rather than skip it
     * @return the next response
     * @throws ProtocolException      when the server wrote malformed HTTP
     * @throws java.io.EOFException when the connection closed before a response
     */
    public Response read(String method, boolean keepInterim) throws ProtocolException, java.io.IOException {
        parser.expectResponseTo(method);
        Http1Event.Response head = null;
        Bytes body = Bytes.empty();
        java.util.List<Bytes> pieces = new java.util.ArrayList<>();
        while (true) {
            switch (parser.next()) {
                case Http1Event.Response r -> {
                    head = r;
                    body = Bytes.empty();
                    pieces.clear();
                }
                case Http1Event.Data d -> {
                    body = body.concat(d.data());
                    if (!d.data().isEmpty()) {
                        pieces.add(d.data());
                    }
                }
                case Http1Event.EndOfMessage end -> {
                    if (head.status() >= 200 || keepInterim) {
                        return new Response(head.status(), head.reason(), head.headers(), body, pieces, end.trailers(),
                                head.keepAlive());
                    }
                }
                case Http1Event.Paused p -> parser.nextMessage();
                case Http1Event.NeedData n -> {
                    byte[] more = source.read();
                    if (more.length == 0) {
                        parser.feedEof();
                    } else {
                        parser.feed(more, 0, more.length);
                    }
                }
                case Http1Event.ConnectionClosed c -> throw new java.io.EOFException(
                        "the server closed the connection before a response");
                case Http1Event.Request r -> throw new IllegalStateException("a client parser read a request");
            }
        }
    }
}
