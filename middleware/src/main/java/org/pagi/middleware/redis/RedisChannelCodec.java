package org.pagi.middleware.redis;

import java.util.Base64;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.apps.ChannelMessage;
import org.pagi.wrappers.apps.ChannelPayload;

/**
 * How {@link RedisChannel} writes a payload into Redis, as one string: a header line ({@code 1t} for text,
 * {@code 1b} for binary; the digit is the format's version), the event name line, the origin line (each empty when
 * absent: neither may contain a line feed), then the data, as is for text and in base64 for binary. A pub/sub
 * message carries the message id as one more line in front. Text costs no encoding and the overhead is a few bytes.
 */
final class RedisChannelCodec {
    private static final String TEXT = "1t";
    private static final String BINARY = "1b";

    private RedisChannelCodec() {
    }

    /** @return the payload as stored in a stream entry */
    static String encode(ChannelPayload payload) {
        String data = payload.binary() ? Base64.getEncoder().encodeToString(payload.data().toByteArray())
                : payload.data().utf8();
        return (payload.binary() ? BINARY : TEXT) + '\n' + payload.event().orElse("") + '\n'
                + payload.origin().orElse("") + '\n' + data;
    }

    /**
     * @return the message a pub/sub delivery carries: {@code id}, a line feed, then {@link #encode}'s form
     * @throws IllegalArgumentException saying what is wrong with a foreign or damaged message
     */
    static ChannelMessage decodePublished(String topic, String wire) {
        int cut = wire.indexOf('\n');
        if (cut <= 0) {
            throw new IllegalArgumentException("no message id line");
        }
        return new ChannelMessage(topic, wire.substring(0, cut), decode(wire.substring(cut + 1)));
    }

    /**
     * @return the payload of {@link #encode}'s form
     * @throws IllegalArgumentException saying what is wrong with a foreign or damaged one
     */
    static ChannelPayload decode(String stored) {
        int kindEnd = stored.indexOf('\n');
        int eventEnd = kindEnd < 0 ? -1 : stored.indexOf('\n', kindEnd + 1);
        int originEnd = eventEnd < 0 ? -1 : stored.indexOf('\n', eventEnd + 1);
        if (originEnd < 0) {
            throw new IllegalArgumentException("fewer than 4 lines");
        }
        String kind = stored.substring(0, kindEnd);
        boolean binary = kind.equals(BINARY);
        if (!binary && !kind.equals(TEXT)) {
            throw new IllegalArgumentException("unknown header '" + shorten(kind) + "'");
        }
        String data = stored.substring(originEnd + 1);
        Bytes bytes = binary ? Bytes.of(Base64.getDecoder().decode(data)) : Bytes.utf8(data);
        return new ChannelPayload(bytes, binary, label(stored.substring(kindEnd + 1, eventEnd)),
                label(stored.substring(eventEnd + 1, originEnd)));
    }

    /** @return whether {@code id} has the form of a Redis stream id, {@code <ms>-<seq>} */
    static boolean isStreamId(String id) {
        int dash = id.indexOf('-');
        if (dash <= 0 || dash == id.length() - 1 || !digits(id, 0, dash) || !digits(id, dash + 1, id.length())) {
            return false;
        }
        try {
            Long.parseUnsignedLong(id, 0, dash, 10);
            Long.parseUnsignedLong(id, dash + 1, id.length(), 10);
            return true;
        } catch (NumberFormatException tooLarge) {
            return false;
        }
    }

    /** @return the order of two stream ids ({@link #isStreamId} holds for both) */
    static int compareStreamIds(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int byTime = Long.compareUnsigned(Long.parseUnsignedLong(a, 0, da, 10), Long.parseUnsignedLong(b, 0, db, 10));
        return byTime != 0 ? byTime : Long.compareUnsigned(Long.parseUnsignedLong(a, da + 1, a.length(), 10),
                Long.parseUnsignedLong(b, db + 1, b.length(), 10));
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> label(String line) {
        return line.isEmpty() ? Optional.empty() : Optional.of(line);
    }

    private static String shorten(String s) {
        return s.length() <= 16 ? s : s.substring(0, 16) + "...";
    }
}
