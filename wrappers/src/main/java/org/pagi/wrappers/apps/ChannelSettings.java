package org.pagi.wrappers.apps;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.websocket.WebSocket;

/** The checks and defaults the real-time apps' builders share. */
final class ChannelSettings {
    /** A message the broadcast and chat apps take from a client: 64 KiB unless set. */
    static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;
    /** Messages that may wait for one slow client: 256 unless set. */
    static final int DEFAULT_MAX_QUEUED_MESSAGES = 256;
    /** Bytes that may wait for one slow client: 1 MiB unless set. */
    static final long DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;

    private ChannelSettings() {
    }

    static int positive(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be 1 or more, got " + value);
        }
        return value;
    }

    static long positive(String setting, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be 1 or more, got " + value);
        }
        return value;
    }

    /** @return {@code topic} @throws IllegalArgumentException prefixed with the setting's name */
    static String topic(String topic) {
        try {
            return ChannelMessage.checkTopic(topic);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("topic: " + e.getMessage(), e);
        }
    }

    /** Asks the server to ping every {@code interval} and to drop a peer that does not answer within it. */
    static CompletionStage<Void> keepalive(WebSocket ws, Duration interval) {
        return interval.isZero() ? CompletableFuture.completedFuture(null) : ws.keepalive(interval, interval);
    }

    /** A tag for one app instance, so origins stay apart when several processes share a channel. */
    static String instanceTag() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /**
     * @return whether {@code channel} keeps presence: its class overrides {@link Channel#enter}, whose default
     *     refuses (asking the channel would not tell "no presence" from "the store is down")
     */
    static boolean hasPresence(Channel channel) {
        try {
            return channel.getClass().getMethod("enter", String.class, String.class, String.class)
                    .getDeclaringClass() != Channel.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("Channel.enter is part of the interface", e);
        }
    }

    /** Refuses a handshake when the channel is unavailable: 503 through the denial extension, else 403. */
    static CompletionStage<Void> refuse(WebSocket ws) {
        try {
            return ws.deny(Response.text("the message channel is unavailable\n").withStatus(503));
        } catch (IllegalStateException e) {
            return ws.close(); // before the accept, a close is answered 403
        }
    }
}
