package org.pagi.compliance.property;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.pagi.spec.Bytes;

/**
 * What the client of one HTTP exchange does: send a request body in these pieces (the pieces are how the client
 * writes it; a server may regroup them, and a wire client sends no empty chunk), then read the response, or leave.
 *
 * @param body       the request body's pieces, in order; empty for a request without a body
 * @param leaveAfter when present, the client goes away (closes the connection) after sending that many pieces,
 *                   0 to {@code body.size()}, without reading anything; {@code body.size()} means right after the
 *                   whole request
 */
public record HttpPlan(List<Bytes> body, OptionalInt leaveAfter) {
    /** Copies the pieces and checks {@code leaveAfter}. */
    public HttpPlan {
        body = List.copyOf(body);
        Objects.requireNonNull(leaveAfter, "leaveAfter");
        if (leaveAfter.isPresent() && (leaveAfter.getAsInt() < 0 || leaveAfter.getAsInt() > body.size())) {
            throw new IllegalArgumentException("leaveAfter must be 0.." + body.size() + ", got " + leaveAfter);
        }
    }

    /** @return a client that sends {@code body} and reads the whole response */
    public static HttpPlan staying(List<Bytes> body) {
        return new HttpPlan(body, OptionalInt.empty());
    }

    /** @return the whole body, the pieces joined */
    public Bytes wholeBody() {
        return body.stream().reduce(Bytes.empty(), Bytes::concat);
    }
}
