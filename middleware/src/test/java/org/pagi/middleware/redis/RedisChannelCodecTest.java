package org.pagi.middleware.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.apps.ChannelMessage;
import org.pagi.wrappers.apps.ChannelPayload;

/** What {@link RedisChannel} writes into Redis and reads back, and how it matches patterns, without a Redis. */
class RedisChannelCodecTest {

    @Provide
    Arbitrary<ChannelPayload> payloads() {
        // strings that survive UTF-8 (no lone surrogate), as every string Redis carries must
        Arbitrary<Optional<String>> label = Arbitraries.strings().ofMinLength(1).ofMaxLength(128)
                .excludeChars('\r', '\n', '\0').filter(RedisChannelCodecTest::survivesUtf8).optional();
        Arbitrary<ChannelPayload> text = Arbitraries.strings().ofMaxLength(300)
                .filter(RedisChannelCodecTest::survivesUtf8).map(ChannelPayload::text);
        Arbitrary<ChannelPayload> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                .map(b -> ChannelPayload.bytes(Bytes.of(b)));
        return Combinators.combine(Arbitraries.oneOf(text, binary), label, label)
                .as((p, event, origin) -> new ChannelPayload(p.data(), p.binary(), event, origin));
    }

    private static boolean survivesUtf8(String s) {
        return s.equals(Bytes.utf8(s).utf8());
    }

    @Property(tries = 500)
    void everyPayloadComesBackAsItWasPublished(@ForAll("payloads") ChannelPayload payload) {
        assertEquals(payload, RedisChannelCodec.decode(RedisChannelCodec.encode(payload)));
        ChannelMessage message = new ChannelMessage("room", "1700000000000-7", payload);
        assertEquals(message, RedisChannelCodec.decodePublished("room", "1700000000000-7\n"
                + RedisChannelCodec.encode(payload)));
    }

    @Test
    void aForeignOrDamagedMessageIsRefusedSayingWhy() {
        assertEquals("no message id line", assertThrows(IllegalArgumentException.class,
                () -> RedisChannelCodec.decodePublished("t", "hello")).getMessage());
        assertEquals("fewer than 4 lines", assertThrows(IllegalArgumentException.class,
                () -> RedisChannelCodec.decode("1t\nx")).getMessage());
        assertEquals("unknown header '2t'", assertThrows(IllegalArgumentException.class,
                () -> RedisChannelCodec.decode("2t\n\n\nx")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RedisChannelCodec.decode("1b\n\n\n*not base64*"));
    }

    @Property(tries = 300)
    void streamIdsCompareAsTheirTwoNumbers(@ForAll long ms1, @ForAll long seq1, @ForAll long ms2, @ForAll long seq2) {
        String a = Long.toUnsignedString(ms1) + "-" + Long.toUnsignedString(seq1);
        String b = Long.toUnsignedString(ms2) + "-" + Long.toUnsignedString(seq2);
        assertTrue(RedisChannelCodec.isStreamId(a) && RedisChannelCodec.isStreamId(b));
        int expected = ms1 != ms2 ? Long.compareUnsigned(ms1, ms2) : Long.compareUnsigned(seq1, seq2);
        assertEquals(Integer.signum(expected), Integer.signum(RedisChannelCodec.compareStreamIds(a, b)));
    }

    @Test
    void onlyTheFormMsDashSeqIsAStreamId() {
        for (String bad : new String[] {"", "-", "1-", "-1", "1", "1-2-3", "+1-2", "a-1", "18446744073709551616-0",
            "42"}) {
            assertFalse(RedisChannelCodec.isStreamId(bad), bad);
        }
    }

    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.strings().withChars("ab*?[]\\é.").ofMinLength(1).ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> topics() {
        return Arbitraries.strings().withChars("ab[]\\é.*?").ofMinLength(1).ofMaxLength(8);
    }

    @Property(tries = 2000)
    void aPatternMatchesAsTheChannelGlobSays(@ForAll("globs") String glob, @ForAll("topics") String topic) {
        assertEquals(matches(glob, 0, topic, 0), RedisChannelSubscription.globRegex(glob).matcher(topic).matches(),
                glob + " ~ " + topic);
    }

    /** The contract's glob, written out: {@code *} any run, {@code ?} one character, all else itself. */
    private static boolean matches(String glob, int g, String topic, int t) {
        if (g == glob.length()) {
            return t == topic.length();
        }
        char c = glob.charAt(g);
        if (c == '*') {
            return matches(glob, g + 1, topic, t) || (t < topic.length() && matches(glob, g, topic, t + 1));
        }
        return t < topic.length() && (c == '?' || c == topic.charAt(t)) && matches(glob, g + 1, topic, t + 1);
    }

    @Test
    void theRedisPatternKeepsStarWidensQuestionMarkAndEscapesTheRest() {
        assertEquals("room.*", RedisChannelSubscriptions.redisGlob("room.*"));
        assertEquals("a*c", RedisChannelSubscriptions.redisGlob("a?c"));
        assertEquals("\\[x\\]\\\\*", RedisChannelSubscriptions.redisGlob("[x]\\*"));
        assertEquals("p\\*\\?\\[\\]\\\\:", RedisChannelSubscriptions.escapeAll("p*?[]\\:"));
    }
}
