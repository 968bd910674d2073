package org.pagi.compliance.property;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpFullFlush;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;
import org.pagi.spec.order.HttpOrder;

/**
 * Random {@code http} applications, legal and not, and the client plans that go with them.
 *
 * <p>A script never waits for something that cannot come: {@link #sanitize} drops a receive that would wait
 * forever (reading past the end of the request body while the response is open), because the server owes the
 * application nothing more until the client leaves or the response completes.
 */
public final class HttpScripts {
    private HttpScripts() {
    }

    /** @return request bodies as a client may write them: up to 5 pieces of up to 24 bytes, empty ones included */
    public static Arbitrary<List<Bytes>> requestBodies() {
        return Gen.pieces(5, 24);
    }

    /** @return one step of any kind an {@code http} application may try, most of them sends */
    public static Arbitrary<Step> anyStep() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, start()),
                Tuple.of(5, body()),
                Tuple.of(1, Gen.headers().map(h -> new Step.Send(new HttpResponseTrailers(h)))),
                Tuple.of(1, Arbitraries.just(new Step.Send(new HttpFullFlush()))),
                Tuple.of(1, Gen.stray("http").map(Step.Send::new)),
                Tuple.of(2, Arbitraries.just(new Step.ReadBody())),
                Tuple.of(1, Arbitraries.integers().between(0, 2).map(Step.AwaitDisconnect::new)),
                Tuple.of(1, Arbitraries.of(new Step.Fail(), new Step.FailAtCall(), new Step.Return())));
    }

    /**
     * @return any application: half entirely random step sequences (mostly illegal), half legal responses with
     *         a few random steps mixed in
     */
    public static Arbitrary<Script> any() {
        Arbitrary<List<Step>> random = anyStep().list().ofMaxSize(10);
        Arbitrary<List<Step>> noisy = Gen.withNoise(legalResponse(Gen.pieces(4, 16)), anyStep());
        return Arbitraries.oneOf(random, noisy).map(Gen.script(HttpScripts::sanitize));
    }

    /**
     * @return a complete, legal response: maybe read the body first, then a start with a final status, the body
     *         in {@code pieces} (more = true on all but the last), and trailers if the start declared them
     */
    public static Arbitrary<List<Step>> legalResponse(Arbitrary<List<Bytes>> pieces) {
        return Combinators.combine(Arbitraries.of(true, false), Gen.finalStatus(), Gen.headers(),
                Arbitraries.of(true, false), pieces, Gen.headers()).as((read, status, headers, trailers, body, end) -> {
                    List<Step> steps = new ArrayList<>();
                    if (read) {
                        steps.add(new Step.ReadBody());
                    }
                    steps.add(new Step.Send(new HttpResponseStart(status, headers, trailers)));
                    steps.addAll(bodySteps(body));
                    if (trailers) {
                        steps.add(new Step.Send(new HttpResponseTrailers(end)));
                    }
                    return steps;
                });
    }

    /** @return the body events of {@code pieces}: each a chunk but the last; one empty last body for none */
    static List<Step> bodySteps(List<Bytes> pieces) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            steps.add(new Step.Send(new HttpResponseBody(pieces.get(i), i < pieces.size() - 1)));
        }
        if (pieces.isEmpty()) {
            steps.add(new Step.Send(HttpResponseBody.last(Bytes.empty())));
        }
        return steps;
    }

    /**
     * @return applications that end before their response starts: maybe read the body, maybe try sends that may
     *         not come first, then return, fail, or throw from {@code call()}
     */
    public static Arbitrary<Script> endingBeforeStart() {
        Arbitrary<Step> wrongFirst = Arbitraries.oneOf(body(), Gen.headers().map(h -> new Step.Send(
                new HttpResponseTrailers(h))), Arbitraries.just(new Step.Send(new HttpFullFlush())),
                Gen.stray("http").map(Step.Send::new), Arbitraries.of(Gen.INFORMATIONAL)
                        .map(s -> new Step.Send(new HttpResponseStart(s, Headers.empty()))));
        Arbitrary<Step> end = Arbitraries.of(new Step.Return(), new Step.Fail(), new Step.FailAtCall());
        return Combinators.combine(Arbitraries.of(true, false), wrongFirst.list().ofMaxSize(3), end)
                .as((read, wrong, last) -> {
                    List<Step> steps = new ArrayList<>();
                    if (read) {
                        steps.add(new Step.ReadBody());
                    }
                    steps.addAll(wrong);
                    steps.add(last);
                    return steps;
                }).map(Gen.script(HttpScripts::sanitize));
    }

    /**
     * @return applications that start a response and end before it is complete: body chunks (more = true), or a
     *         last body when trailers were declared but never sent, then return or fail
     */
    public static Arbitrary<Script> endingMidResponse() {
        return Combinators.combine(Gen.finalStatus(), Gen.headers(), Gen.pieces(3, 16), Arbitraries.of(true, false),
                Gen.ending()).as((status, headers, chunks, trailersDue, end) -> {
                    List<Step> steps = new ArrayList<>();
                    steps.add(new Step.Send(new HttpResponseStart(status, headers, trailersDue)));
                    chunks.forEach(c -> steps.add(new Step.Send(HttpResponseBody.chunk(c))));
                    if (trailersDue) {
                        steps.add(new Step.Send(HttpResponseBody.last(Bytes.empty())));
                    }
                    steps.add(end);
                    return steps;
                }).map(Gen.script(HttpScripts::sanitize));
    }

    /** @return a legal response followed by up to four more steps of any kind, none of which may reach the client */
    public static Arbitrary<Script> completeThenMore() {
        Arbitrary<List<Step>> more = anyStep().filter(s -> !(s instanceof Step.FailAtCall)).list().ofMinSize(1)
                .ofMaxSize(4);
        return Combinators.combine(legalResponse(Gen.pieces(3, 16)), more).as((legal, after) -> {
            List<Step> steps = new ArrayList<>(legal);
            steps.addAll(after);
            return steps;
        }).map(Gen.script(HttpScripts::sanitize));
    }

    /** @return an application that reads the body and answers with a response whose body is {@code pieces} */
    public static Script answering(List<Bytes> pieces) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.ReadBody());
        steps.add(new Step.Send(new HttpResponseStart(200, Headers.of("x-a", "1"))));
        steps.addAll(bodySteps(pieces));
        return new Script(steps);
    }

    /**
     * @return applications for a client that leaves: a response that is started at most, never complete, then
     *         waiting for the disconnect, then any sends (no-ops now), then return or fail
     */
    public static Arbitrary<Script> awaitingTheClientsDeparture() {
        Arbitrary<List<Step>> before = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Gen.finalStatus(), Gen.pieces(3, 16)).as((read, start, status, chunks) -> {
                    List<Step> steps = new ArrayList<>();
                    if (read) {
                        steps.add(new Step.ReadBody());
                    }
                    if (start) {
                        steps.add(new Step.Send(new HttpResponseStart(status, Headers.empty())));
                        chunks.forEach(c -> steps.add(new Step.Send(HttpResponseBody.chunk(c))));
                    }
                    return steps;
                });
        Arbitrary<List<Step>> after = Arbitraries.oneOf(start(), body(), Gen.stray("http").map(Step.Send::new),
                Arbitraries.just(new Step.Receive())).list().ofMaxSize(4);
        return Combinators.combine(before, Arbitraries.integers().between(0, 3), after, Gen.ending())
                .as((b, extra, a, end) -> {
                    List<Step> steps = new ArrayList<>(b);
                    steps.add(new Step.AwaitDisconnect(extra));
                    steps.addAll(a);
                    steps.add(end);
                    return new Script(steps);
                });
    }

    /** @return where a client with {@code body} may leave: after any number of its pieces */
    public static Arbitrary<HttpPlan> leaving(List<Bytes> body) {
        return Arbitraries.integers().between(0, body.size()).map(k -> new HttpPlan(body, OptionalInt.of(k)));
    }

    private static Arbitrary<Step> start() {
        return Combinators.combine(Gen.anyStatus(), Gen.headers(), Arbitraries.of(false, false, true))
                .as((status, headers, trailers) -> new Step.Send(new HttpResponseStart(status, headers, trailers)));
    }

    private static Arbitrary<Step> body() {
        return Combinators.combine(Gen.bytes(16), Arbitraries.of(true, false))
                .as((bytes, more) -> new Step.Send(new HttpResponseBody(bytes, more)));
    }

    /**
     * Drops the receives that would wait forever. While the response is not complete the application may read
     * the request body once; a second read, or waiting for the disconnect, would wait for an event the server
     * does not owe it (the client stays). Once the response is complete every receive yields
     * {@code http.disconnect} at once.
     */
    static List<Step> sanitize(List<Step> steps) {
        HttpOrder order = new HttpOrder(true);
        boolean bodyRead = false;
        List<Step> out = new ArrayList<>();
        for (Step s : steps) {
            boolean complete = order.current() == HttpOrder.State.COMPLETE;
            switch (s) {
                case Step.Send send -> {
                    try {
                        order.send(send.event());
                    } catch (RuntimeException illegal) {
                        // refused: the state stays
                    }
                    out.add(s);
                }
                case Step.ReadBody r -> {
                    if (!bodyRead || complete) {
                        out.add(s);
                    }
                    bodyRead = true;
                }
                case Step.Receive r -> {
                    if (complete) {
                        out.add(s);
                    }
                }
                case Step.AwaitDisconnect a -> {
                    if (complete) {
                        out.add(s);
                    }
                }
                default -> out.add(s);
            }
        }
        return out;
    }
}
