package org.pagi.protocol.http1;

import java.util.Objects;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.server.RequestHead;

/** What {@link Http1Parser#next()} yields: a message head, body data, the end of a message, or a state signal. */
public sealed interface Http1Event {

    /**
     * A request head (server role).
     *
     * @param head           the request line and headers
     * @param keepAlive      whether the connection may carry another request after this one
     * @param expectContinue whether the client waits for {@code 100 Continue} before sending the body
     * @param framing        how the body is delimited
     */
    record Request(RequestHead head, boolean keepAlive, boolean expectContinue, BodyFraming framing)
            implements Http1Event {
        /** Checks for nulls. */
        public Request {
            Objects.requireNonNull(head, "head");
            Objects.requireNonNull(framing, "framing");
        }
    }

    /**
     * A response head (client role). Informational (1xx) heads are followed at once by another head.
     *
     * @param httpVersion {@code "1.0"} or {@code "1.1"}
     * @param status      the status code
     * @param reason      the reason phrase, possibly empty
     * @param headers     the header fields
     * @param keepAlive   whether the connection may carry another request
     */
    record Response(String httpVersion, int status, String reason, Headers headers, boolean keepAlive)
            implements Http1Event {
    }

    /** A piece of the body, de-chunked. @param data the bytes */
    record Data(Bytes data) implements Http1Event {
    }

    /** The message is complete. @param trailers the trailer fields of a chunked body; empty otherwise */
    record EndOfMessage(Headers trailers) implements Http1Event {
    }

    /** Nothing more can be parsed until more bytes are fed. */
    record NeedData() implements Http1Event {
    }

    /** A message ended; call {@link Http1Parser#nextMessage()} to parse the next one (pipelining). */
    record Paused() implements Http1Event {
    }

    /** The peer closed the connection between messages. */
    record ConnectionClosed() implements Http1Event {
    }
}
