package org.pagi.compliance.property;

import java.util.Objects;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * What the client of one HTTP exchange saw.
 *
 * @param outcome  how the exchange ended for the client
 * @param status   the status; 0 when nothing arrived
 * @param headers  the response headers as the client read them (a server may add its own, such as {@code date})
 * @param body     the whole body, de-framed; what arrived before the cut of an aborted response, if the host knows
 * @param trailers the trailer fields; empty when none came
 */
public record HttpSeen(Outcome outcome, int status, Headers headers, Bytes body, Headers trailers) {

    /** How the exchange ended for the client. */
    public enum Outcome {
        /** A complete response: its whole head and body (and trailers, if any) arrived, correctly framed. */
        COMPLETE,
        /** The connection ended before a complete response: the client knows the response is broken. */
        ABORTED,
        /** The client left, as its plan said, and saw nothing more. */
        LEFT
    }

    /** Checks for nulls. */
    public HttpSeen {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(trailers, "trailers");
    }

    /** @return a complete response */
    public static HttpSeen complete(int status, Headers headers, Bytes body, Headers trailers) {
        return new HttpSeen(Outcome.COMPLETE, status, headers, body, trailers);
    }

    /** @return a response that broke off; {@code status} 0 if no head arrived */
    public static HttpSeen aborted(int status, Headers headers, Bytes body) {
        return new HttpSeen(Outcome.ABORTED, status, headers, body, Headers.empty());
    }

    /** @return what a client that left saw: nothing */
    public static HttpSeen left() {
        return new HttpSeen(Outcome.LEFT, 0, Headers.empty(), Bytes.empty(), Headers.empty());
    }
}
