package org.pagi.protocol.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pagi.spec.event.SseComment;
import org.pagi.spec.event.SseSend;

/**
 * The codec's laws: whatever the encoder writes, the decoder reads back as a browser would, however the bytes
 * are split; arbitrary bytes give items or an {@link SseLimitException}, the same for every split, and never
 * anything beyond the declared limits.
 */
class SseCodecPropertiesTest {

    @Property(tries = 300)
    void whatTheEncoderWritesDecodesBackWhereverTheBytesAreCut(@ForAll("streams") List<Object> sent,
            @ForAll("cutSeeds") List<Integer> cutSeeds) {
        byte[] wire = new byte[0];
        List<SseItem> expected = new ArrayList<>();
        String lastEventId = "";
        for (Object o : sent) {
            switch (o) {
                case SseSend send -> {
                    wire = SseFeeds.concat(wire, SseEncoder.event(send).toByteArray());
                    lastEventId = send.id().orElse(lastEventId);
                    expected.add(expectedFrame(send, lastEventId));
                }
                case SseComment comment -> {
                    wire = SseFeeds.concat(wire, SseEncoder.comment(comment).toByteArray());
                    String text = comment.comment();
                    expected.add(new SseCommentLine(text.startsWith(":") ? text.substring(1) : text));
                }
                default -> throw new AssertionError(o);
            }
        }
        int length = wire.length;
        int[] cuts = cutSeeds.stream().mapToInt(c -> Math.floorMod(c, length + 1)).sorted().toArray();
        SseFeeds.Outcome o = SseFeeds.decode(new SseDecoder(), wire, cuts, true);
        assertEquals(new SseFeeds.Outcome(expected, null), o);
    }

    @Property(tries = 300)
    void multiLineCommentsComeBackOneItemPerLine(@ForAll("texts") String text) throws SseLimitException {
        SseDecoder decoder = new SseDecoder();
        decoder.feed(SseEncoder.comment(text).toByteArray());
        List<SseItem> expected = normalise(text).lines().map(l -> l.startsWith(":") ? l.substring(1) : l)
                .map(l -> (SseItem) new SseCommentLine(l)).collect(Collectors.toCollection(ArrayList::new));
        if (expected.isEmpty() || normalise(text).endsWith("\n")) {
            expected.add(new SseCommentLine("")); // lines() drops a last empty line; the encoder keeps it
        }
        assertEquals(expected, decoder.drain());
    }

    @Property(tries = 300)
    void arbitraryBytesDecodeTheSameWayWhereverTheyAreCut(@ForAll("streamishBytes") byte[] input,
            @ForAll("cutSeeds") List<Integer> cutSeeds) {
        int[] cuts = cutSeeds.stream().mapToInt(c -> Math.floorMod(c, input.length + 1)).sorted().toArray();
        SseFeeds.Outcome whole = SseFeeds.decode(new SseDecoder(16, 24), input, new int[0], true);
        SseFeeds.Outcome split = SseFeeds.decode(new SseDecoder(16, 24), input, cuts, true);
        SseFeeds.Outcome bytes = SseFeeds.decode(new SseDecoder(16, 24), input, SseFeeds.every(1, input.length), true);
        assertEquals(whole, split);
        assertEquals(whole, bytes);
    }

    @Property(tries = 300)
    void decodedItemsNeverExceedTheDeclaredLimits(@ForAll("streamishBytes") byte[] input) {
        // Any exception other than SseLimitException escapes decode and fails the property.
        SseFeeds.Outcome o = SseFeeds.decode(new SseDecoder(16, 24), input, SseFeeds.every(5, input.length), true);
        // Chars, not UTF-8 bytes: a malformed byte decodes to one U+FFFD, which is one char but three UTF-8 bytes.
        for (SseItem item : o.items()) {
            switch (item) {
                case SseFrame f -> {
                    assertTrue(f.data().length() <= 24, "data over maxEventBytes: " + f);
                    assertTrue(f.event().length() <= 16 && f.lastEventId().length() <= 16, "field over a line: " + f);
                }
                case SseCommentLine c -> assertTrue(c.text().length() < 16, "comment over a line: " + c);
            }
        }
        boolean longLine = normaliseBytes(input).lines().anyMatch(l -> l.length() > 16);
        assertTrue(!longLine || o.failedLimit() != null, "a line over 16 bytes was accepted");
    }

    private static SseFrame expectedFrame(SseSend send, String lastEventId) {
        String event = send.event().filter(e -> !e.isEmpty()).orElse(SseFrame.DEFAULT_EVENT);
        return new SseFrame(event, normalise(send.data()), send.id(), lastEventId, send.retry());
    }

    /** What a client sees of line breaks: CRLF and CR each become LF (WHATWG HTML 9.2.5). */
    private static String normalise(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The input as Latin-1 text with its line breaks normalised, so lines() measures lines in bytes. */
    private static String normaliseBytes(byte[] b) {
        return normalise(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Provide
    Arbitrary<List<Object>> streams() {
        Arbitrary<String> line = texts().map(s -> s.replace("\r", "").replace("\n", ""));
        Arbitrary<Optional<String>> name = line.optional(0.6);
        Arbitrary<Optional<String>> id = line.filter(s -> s.indexOf('\0') < 0).optional(0.5);
        Arbitrary<OptionalLong> retry = Arbitraries.oneOf(Arbitraries.longs().between(0, 10_000),
                Arbitraries.longs().between(0, Long.MAX_VALUE)).optional(0.3)
                .map(r -> r.map(OptionalLong::of).orElse(OptionalLong.empty()));
        Arbitrary<Object> send = Combinators.combine(name, texts(), id, retry).as(SseSend::new);
        Arbitrary<Object> comment = line.map(SseComment::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, send), net.jqwik.api.Tuple.of(1, comment))
                .list().ofMaxSize(6);
    }

    /** Any well-formed Unicode text, heavy in the characters the format cares about. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> special = Arbitraries.of("\r\n", "\r", "\n", " ", ":", "\u0000", "\uFEFF", "\u00e9",
                "\uD83D\uDE00", "data:", "id: ", "event", "retry: 1");
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(6);
        Arbitrary<String> anyCodePoint = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE).map(Character::toString);
        return Arbitraries.oneOf(special, ascii, anyCodePoint).list().ofMaxSize(10).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<byte[]> streamishBytes() {
        Arbitrary<byte[]> token = Arbitraries.of("data", "event", "id", "retry", ":", " ", "\r", "\n", "\r\n", "12",
                "x", "\u0000", "\uFEFF", "\u00e9").map(SseFeeds::utf8);
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(4);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, token), net.jqwik.api.Tuple.of(1, raw)).list()
                .ofMaxSize(40).map(parts -> parts.stream().reduce(new byte[0], SseFeeds::concat));
    }

    @Provide
    Arbitrary<List<Integer>> cutSeeds() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(8);
    }
}
