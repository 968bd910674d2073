package org.pagi.testing.wire;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.pagi.protocol.http1.Http1Event;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.protocol.http1.Http1Parser;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.spec.Bytes;
import org.pagi.testing.PagiTestTimeoutException;

/**
 * Reads what the server wrote on one wire connection with the production parser in the client role, in the three
 * ways wire mode needs: whole responses ({@link #read}), a head and then body pieces as they arrive (an SSE
 * stream), and a head after which the bytes belong to another protocol (a WebSocket upgrade:
 * {@link #takeBuffered}). There is one parser per connection, so no byte it buffered is lost when a test switches
 * from one way to another.
 *
 * <p>Not thread-safe: used by the test thread only.
 */
final class ResponseStream {
    // No body limit: a test client reads whatever the server sends (the limit is a server's defence).
    private final Http1Parser parser = new Http1Parser(Http1Parser.Role.CLIENT,
            Http1Limits.defaults().withMaxBodyBytes(0));
    private final ServerBytes in;
    private final Duration timeout;
    private boolean eofFed;

    ResponseStream(ServerBytes in, Duration timeout) {
        this.in = in;
        this.timeout = timeout;
    }

    /** @return the next whole response to a {@code method} request, skipping 1xx unless {@code keepInterim} */
    WireResponse read(String method, boolean keepInterim) {
        long deadline = ServerBytes.deadline(timeout);
        return rest(head(method, keepInterim, deadline), deadline);
    }

    /**
     * @param method      the method of the request the response answers (a HEAD response has no body)
     * @param keepInterim whether to return a 1xx head rather than skip it
     * @return the next response head; its body follows through {@link #body}
     */
    Http1Event.Response head(String method, boolean keepInterim, long deadline) {
        parser.expectResponseTo(method);
        while (true) {
            switch (event(deadline, "response head")) {
                case Http1Event.Response r when keepInterim || r.status() >= 200 -> {
                    return r;
                }
                case Http1Event.Response r -> {
                    // an interim response, skipped; its EndOfMessage comes next
                }
                case Http1Event.EndOfMessage end -> {
                    // the end of an interim response
                }
                case Http1Event.Paused p -> parser.nextMessage();
                case Http1Event.ConnectionClosed c ->
                        throw new AssertionError("the server closed the connection before a response");
                case Http1Event.Data d ->
                        throw new IllegalStateException("the previous response's body was not read to its end");
                case Http1Event.NeedData n -> throw new IllegalStateException("event() never yields NeedData");
                case Http1Event.Request r -> throw new IllegalStateException("a client parser read a request");
            }
        }
    }

    /**
     * @param what what the test waits for, for the timeout's message
     * @return the next piece of the current body ({@link Http1Event.Data}) or its end ({@link Http1Event.EndOfMessage})
     */
    Http1Event body(long deadline, String what) {
        Http1Event e = event(deadline, what);
        if (e instanceof Http1Event.Data || e instanceof Http1Event.EndOfMessage) {
            return e;
        }
        throw new IllegalStateException("expected a body piece, the parser yielded " + e);
    }

    /** @return the response of {@code head}, its body read to the end */
    WireResponse rest(Http1Event.Response head, long deadline) {
        Bytes body = Bytes.empty();
        while (true) {
            switch (body(deadline, "the rest of the " + head.status() + " response")) {
                case Http1Event.Data d -> body = body.concat(d.data());
                case Http1Event.EndOfMessage end -> {
                    return new WireResponse(head.status(), head.headers(), body, end.trailers(), head.keepAlive());
                }
                default -> throw new IllegalStateException("body() yields only data and the end");
            }
        }
    }

    /**
     * After a {@code 101} head: the bytes the parser holds beyond it, which belong to the new protocol. The parser
     * is done with this connection.
     */
    ByteBuffer takeBuffered() {
        return parser.takeBuffered();
    }

    /**
     * Waits for the server to close the connection; bytes that come first stay with the parser for later reads.
     *
     * @return whether it closed before the deadline
     */
    boolean awaitClosed(long deadline) {
        while (!in.ended()) {
            byte[] more = in.read(deadline);
            if (more == null) {
                return false;
            }
            feed(more);
        }
        return true;
    }

    private Http1Event event(long deadline, String what) {
        while (true) {
            Http1Event e;
            try {
                e = parser.next();
            } catch (ProtocolException pe) {
                throw new AssertionError("the server wrote malformed HTTP: " + pe.getMessage(), pe);
            }
            if (!(e instanceof Http1Event.NeedData)) {
                return e;
            }
            if (eofFed) {
                throw new IllegalStateException("the parser wants bytes after the end of the connection");
            }
            byte[] more = in.read(deadline);
            if (more == null) {
                throw new PagiTestTimeoutException("no " + what + " within " + timeout);
            }
            feed(more);
        }
    }

    private void feed(byte[] bytes) {
        if (bytes.length == 0) {
            if (!eofFed) {
                eofFed = true;
                parser.feedEof();
            }
        } else {
            parser.feed(bytes, 0, bytes.length);
        }
    }
}
