package org.pagi.protocol.http1;

/** How a message body is delimited (RFC 9112 section 6). */
public sealed interface BodyFraming {

    /** No body at all. */
    record None() implements BodyFraming {
    }

    /** Exactly {@code length} bytes. @param length the Content-Length */
    record Length(long length) implements BodyFraming {
    }

    /** The chunked transfer coding. */
    record Chunked() implements BodyFraming {
    }

    /** Everything until the connection closes (responses only). */
    record UntilClose() implements BodyFraming {
    }
}
