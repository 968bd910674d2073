package org.pagi.compliance.property;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.SseClose;
import org.pagi.spec.event.SseComment;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;

/**
 * Random {@code sse} applications, legal and not, each with its client ({@link SseCase}).
 *
 * <p>An SSE application receives little: the request body ({@code sse.request} pieces), then nothing until the
 * client leaves. So a script reads the body at most once, and waits for the disconnect only when its client is
 * planned to leave; {@link #sanitize} drops any other receive, which would wait forever.
 */
public final class SseScripts {
    private SseScripts() {
    }

    /**
     * @return events as an application sends them: a name (sometimes empty, which means {@code message}),
     *         data of any text with every kind of line break, an id, a retry time
     */
    public static Arbitrary<SseSend> events() {
        Arbitrary<Optional<String>> name = Arbitraries.oneOf(Arbitraries.just(Optional.<String>empty()),
                Arbitraries.of("", "tick", "update", " spaced").map(Optional::of), Gen.line(8).map(Optional::of));
        Arbitrary<String> data = Gen.text(32);
        Arbitrary<Optional<String>> id = Arbitraries.oneOf(Arbitraries.just(Optional.<String>empty()),
                Gen.line(6).map(s -> s.replace('\0', '0')).map(Optional::of));
        Arbitrary<OptionalLong> retry = Arbitraries.oneOf(Arbitraries.just(OptionalLong.empty()),
                Arbitraries.longs().between(0, 100_000).map(OptionalLong::of));
        return Combinators.combine(name, data, id, retry).as(SseSend::new);
    }

    /** @return one step of any kind an SSE application may try */
    public static Arbitrary<Step> anyStep() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(Gen.anyStatus(), Gen.headers())
                        .as((s, h) -> new Step.Send(new SseStart(s, h)))),
                Tuple.of(5, events().map(Step.Send::new)),
                Tuple.of(1, Gen.line(8).map(c -> new Step.Send(new SseComment(c)))),
                Tuple.of(1, Arbitraries.of(Duration.ZERO, Duration.ofMinutes(5))
                        .map(d -> new Step.Send(new SseKeepalive(d)))),
                Tuple.of(1, Arbitraries.just(new Step.Send(new SseClose("done")))),
                Tuple.of(1, Combinators.combine(Gen.anyStatus(), Gen.headers())
                        .as((s, h) -> new Step.Send(new SseHttpResponseStart(s, h)))),
                Tuple.of(1, Combinators.combine(Gen.bytes(8), Arbitraries.of(true, false))
                        .as((b, more) -> new Step.Send(new SseHttpResponseBody(b, more)))),
                Tuple.of(1, Gen.stray("sse").map(Step.Send::new)),
                Tuple.of(2, Arbitraries.just(new Step.ReadBody())),
                Tuple.of(1, Arbitraries.of(new Step.Fail(), new Step.Return())));
    }

    /** @return a legal stream: maybe read the body, start, send events, maybe close */
    public static Arbitrary<List<Step>> stream() {
        return Combinators.combine(Arbitraries.of(true, false), Gen.finalStatus(), Gen.headers(),
                events().list().ofMaxSize(5), Arbitraries.of(true, false)).as((read, status, headers, sends, close) -> {
                    List<Step> out = new ArrayList<>();
                    if (read) {
                        out.add(new Step.ReadBody());
                    }
                    out.add(new Step.Send(new SseStart(status, headers)));
                    sends.forEach(e -> out.add(new Step.Send(e)));
                    if (close) {
                        out.add(new Step.Send(new SseClose()));
                    }
                    return out;
                });
    }

    /** @return a legal decline: maybe read the body, then a response with a final status and its body */
    public static Arbitrary<List<Step>> decline() {
        return Combinators.combine(Arbitraries.of(true, false), Gen.finalStatus(), Gen.headers(), Gen.pieces(3, 16))
                .as((read, status, headers, pieces) -> {
                    List<Step> out = new ArrayList<>();
                    if (read) {
                        out.add(new Step.ReadBody());
                    }
                    out.add(new Step.Send(new SseHttpResponseStart(status, headers)));
                    for (int i = 0; i < pieces.size(); i++) {
                        out.add(new Step.Send(new SseHttpResponseBody(pieces.get(i), i < pieces.size() - 1)));
                    }
                    if (pieces.isEmpty()) {
                        out.add(new Step.Send(new SseHttpResponseBody(Bytes.empty(), false)));
                    }
                    return out;
                });
    }

    /** @return any application and a client that reads to the end */
    public static Arbitrary<SseCase> any() {
        Arbitrary<List<Step>> random = anyStep().list().ofMaxSize(10);
        Arbitrary<List<Step>> noisy = Gen.withNoise(Arbitraries.oneOf(stream(), decline()), anyStep());
        Arbitrary<List<Step>> steps = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.oneOf(random, noisy)),
                Tuple.of(1, Arbitraries.just(List.of(new Step.FailAtCall()))));
        return reading(steps);
    }

    /** @return applications that end before they start or decline the stream */
    public static Arbitrary<SseCase> endingBeforeStart() {
        Arbitrary<Step> wrong = Arbitraries.oneOf(events().map(Step.Send::new),
                Arbitraries.just(new Step.Send(new SseClose())), Gen.stray("sse").map(Step.Send::new),
                Arbitraries.just(new Step.Send(new SseHttpResponseBody(Bytes.empty(), false))),
                Arbitraries.of(Gen.INFORMATIONAL).map(s -> new Step.Send(new SseStart(s, Headers.empty()))));
        return reading(Combinators.combine(Arbitraries.of(true, false), wrong.list().ofMaxSize(3),
                Arbitraries.of(new Step.Return(), new Step.Fail(), new Step.FailAtCall())).as((read, w, end) -> {
                    List<Step> out = new ArrayList<>();
                    if (read) {
                        out.add(new Step.ReadBody());
                    }
                    out.addAll(w);
                    out.add(end);
                    return out;
                }));
    }

    /** @return streams that end without {@code sse.close}: the application returns or fails mid-stream */
    public static Arbitrary<SseCase> endingMidStream() {
        return reading(Combinators.combine(stream(), Gen.ending()).as((s, end) -> {
            List<Step> out = new ArrayList<>(s.stream().filter(st -> !(st instanceof Step.Send send
                    && send.event() instanceof SseClose)).toList());
            out.add(end);
            return out;
        }));
    }

    /** @return declines cut short: the application returns or fails before the last body */
    public static Arbitrary<SseCase> endingMidDecline() {
        return reading(Combinators.combine(Gen.finalStatus(), Gen.pieces(3, 16), Gen.ending()).as((status, p, end) -> {
            List<Step> out = new ArrayList<>();
            out.add(new Step.Send(new SseHttpResponseStart(status, Headers.empty())));
            p.forEach(b -> out.add(new Step.Send(new SseHttpResponseBody(b, true))));
            out.add(end);
            return out;
        }));
    }

    /** @return streams the application closes, then sends more */
    public static Arbitrary<SseCase> closedThenMore() {
        Arbitrary<List<Step>> more = anyStep().filter(s -> s instanceof Step.Send).list().ofMinSize(1).ofMaxSize(4);
        return reading(Combinators.combine(stream(), more).as((s, m) -> {
            List<Step> out = new ArrayList<>(s.stream().filter(st -> !(st instanceof Step.Send send
                    && send.event() instanceof SseClose)).toList());
            out.add(new Step.Send(new SseClose()));
            out.addAll(m);
            return out;
        }));
    }

    /** @return a stream of exactly {@code events}, closed */
    public static Script streaming(List<SseSend> events) {
        List<Step> out = new ArrayList<>();
        out.add(new Step.ReadBody());
        out.add(new Step.Send(new SseStart()));
        events.forEach(e -> out.add(new Step.Send(e)));
        out.add(new Step.Send(new SseClose()));
        return new Script(out);
    }

    /**
     * @return streams whose application waits for the client to leave, then sends more (no-ops now), with a client
     *         that leaves after reading the events sent before that
     */
    public static Arbitrary<SseCase> awaitingTheClientsDeparture() {
        Arbitrary<List<Step>> after = Arbitraries.<Step>oneOf(events().map(Step.Send::new),
                Arbitraries.just(new Step.Send(new SseClose())), Arbitraries.just(new Step.Send(new SseStart())),
                Arbitraries.just(new Step.Receive())).list().ofMaxSize(4);
        return Combinators.combine(stream(), Arbitraries.integers().between(0, 2), after, Gen.ending(), Gen.bytes(8))
                .as((s, extra, a, end, body) -> {
                    List<Step> out = new ArrayList<>(s.stream().filter(st -> !(st instanceof Step.Send send
                            && send.event() instanceof SseClose)).toList());
                    int events = (int) out.stream().filter(st -> st instanceof Step.Send send
                            && send.event() instanceof SseSend).count();
                    out.add(new Step.AwaitDisconnect(extra));
                    out.addAll(a);
                    out.add(end);
                    return new SseCase(new Script(out), new SsePlan(body, OptionalInt.of(events)));
                });
    }

    private static Arbitrary<SseCase> reading(Arbitrary<List<Step>> steps) {
        return Combinators.combine(steps.map(Gen.script(SseScripts::sanitize)), Gen.bytes(8))
                .as((script, body) -> new SseCase(script, new SsePlan(body, OptionalInt.empty())));
    }

    /** Keeps the first body read; drops every other receive, which would wait for a client that stays. */
    static List<Step> sanitize(List<Step> steps) {
        List<Step> out = new ArrayList<>();
        boolean read = false;
        for (Step s : steps) {
            if (s instanceof Step.ReadBody) {
                if (!read) {
                    out.add(s);
                }
                read = true;
            } else if (!(s instanceof Step.Receive || s instanceof Step.AwaitDisconnect)) {
                out.add(s);
            }
        }
        return out;
    }
}
