package org.pagi.spec.event;

import java.nio.channels.SeekableByteChannel;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code http.response.body} (send) with an open channel (the spec's {@code fh}): the server streams
 * {@code length} bytes from {@code offset}. The application keeps ownership and closes the channel after the
 * send completes. A closed channel fails the send. The response is complete afterwards.
 *
 * @param channel an open channel
 * @param offset  where to start, 0 or more
 * @param length  how many bytes to send; empty means to the end
 */
public record HttpResponseChannel(SeekableByteChannel channel, long offset, OptionalLong length)
        implements HttpResponseBodyEvent {
    /** Checks the channel and the range. */
    public HttpResponseChannel {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(length, "length");
        Ranges.check(offset, length);
    }

    @Override
    public boolean more() {
        return false;
    }
}
