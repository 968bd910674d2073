package org.pagi.compliance.property;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.Direction;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.WebSocketSend;

/** The building blocks the {@code *Scripts} generators share: payloads, headers, statuses, stray events. */
final class Gen {
    /**
     * Final statuses whose responses carry a body. 204, 205 and 304 are left out: a server may drop or refuse a
     * body on them (RFC 9110 section 15), which is a framing rule, not an order rule.
     */
    static final List<Integer> FINAL = List.of(200, 201, 202, 203, 400, 401, 403, 404, 409, 410, 418, 422, 429,
            500, 502, 503);
    /** Informational statuses: an event may carry them, but no response may start with one. */
    static final List<Integer> INFORMATIONAL = List.of(100, 101, 102, 103, 199);

    private Gen() {
    }

    /** @return byte strings of 0 to {@code max} bytes, empty and all-zero ones among them */
    static Arbitrary<Bytes> bytes(int max) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(max).map(Bytes::of);
    }

    /** @return the pieces a body is split into, empty pieces included */
    static Arbitrary<List<Bytes>> pieces(int maxPieces, int maxPieceBytes) {
        return bytes(maxPieceBytes).list().ofMaxSize(maxPieces);
    }

    /**
     * @return text of valid code points (no unpaired surrogate, which has no UTF-8 form), weighted towards
     *         ASCII, line breaks, NUL and characters outside the BMP
     */
    static Arbitrary<String> text(int maxCodePoints) {
        Arbitrary<Integer> cp = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(2, Arbitraries.of(0x0A, 0x0D, 0x00, 0x09, 0x20, 0x3A, 0xFEFF)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
                Tuple.of(1, Arbitraries.integers().between(0xE000, 0x10FFFF)));
        return cp.list().ofMaxSize(maxCodePoints).map(Gen::codePoints);
    }

    /** @return text with no CR or LF, for fields that must stay on one line */
    static Arbitrary<String> line(int maxCodePoints) {
        return text(maxCodePoints).map(s -> s.replace('\r', '_').replace('\n', '_'));
    }

    static String codePoints(List<Integer> cps) {
        StringBuilder out = new StringBuilder();
        cps.forEach(out::appendCodePoint);
        return out.toString();
    }

    /**
     * @return 0 to 3 application headers named {@code x-a} to {@code x-e} with token values: names no server
     *         owns, so it must pass them through
     */
    static Arbitrary<Headers> headers() {
        Arbitrary<String> name = Arbitraries.of("x-a", "x-b", "x-c", "x-d", "x-e");
        Arbitrary<String> value = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(8);
        return Combinators.combine(name, value).as(List::of).list().ofMaxSize(3).map(pairs -> {
            Headers.Builder b = Headers.builder();
            pairs.forEach(p -> b.add(p.get(0), p.get(1)));
            return b.build();
        });
    }

    /** @return a final status, or now and then an informational one, which no response may start with */
    static Arbitrary<Integer> anyStatus() {
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(FINAL)),
                Tuple.of(1, Arbitraries.of(INFORMATIONAL)));
    }

    /** @return a final status */
    static Arbitrary<Integer> finalStatus() {
        return Arbitraries.of(FINAL);
    }

    /**
     * @return events no application of {@code scopeType} may send: another protocol's, or one a server sends
     *         the application; the order machine refuses them with {@code IllegalArgumentException}
     */
    static Arbitrary<Event> stray(String scopeType) {
        List<Event> all = new ArrayList<>(List.of(new HttpRequest(Bytes.ascii("stray"), false),
                new HttpResponseStart(200, Headers.empty()), WebSocketSend.text("stray"), SseSend.data("stray"),
                new LifespanStartupComplete()));
        all.removeIf(e -> e.kind().protocol().equals(scopeType) && e.kind().direction() == Direction.SEND);
        return Arbitraries.of(all);
    }

    /** @return the two ways a call ends early: a return, or a failure of its stage */
    static Arbitrary<Step> ending() {
        return Arbitraries.of(new Step.Return(), new Step.Fail());
    }

    /**
     * @return {@code base} with up to three {@code noise} steps inserted at random places: mostly legal
     *         applications with a few wrong moves in them
     */
    static Arbitrary<List<Step>> withNoise(Arbitrary<List<Step>> base, Arbitrary<Step> noise) {
        Arbitrary<List<Integer>> places = Arbitraries.integers().between(0, 64).list().ofMaxSize(3);
        return Combinators.combine(base, noise.list().ofMaxSize(3), places).as((steps, extra, at) -> {
            List<Step> out = new ArrayList<>(steps);
            for (int i = 0; i < Math.min(extra.size(), at.size()); i++) {
                out.add(at.get(i) % (out.size() + 1), extra.get(i));
            }
            return out;
        });
    }

    /** @return the script {@code steps} make once {@code sanitize} dropped what cannot run */
    static Function<List<Step>, Script> script(Function<List<Step>, List<Step>> sanitize) {
        return steps -> new Script(sanitize.apply(Script.upToEnd(firstOnlyFailAtCall(steps))));
    }

    /** Throwing from {@code call()} only exists as a first step; anywhere else it is an ordinary failure. */
    private static List<Step> firstOnlyFailAtCall(List<Step> steps) {
        List<Step> out = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            out.add(i > 0 && s instanceof Step.FailAtCall ? new Step.Fail() : s);
        }
        return out;
    }
}
