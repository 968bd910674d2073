package org.pagi.compliance.blackbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.pagi.protocol.http1.Http1Event;
import org.pagi.protocol.http1.ResponseReader;
import org.pagi.protocol.sse.SseFrame;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * The Server-Sent Events cases: the stream's head and framing, its events as an {@code EventSource} decodes them
 * (WHATWG HTML 9.2), their field syntax, delivery without buffering, {@code Last-Event-ID}, detection by
 * {@code Accept}, declining, HEAD, the end of the stream and client disconnects, against the conformance
 * contract's {@code /events}: ticks 1 to 5 with ids, 100 ms apart, then {@code done}/{@code finished}.
 *
 * <p>Only what the rules fix is checked, never the exact bytes: any field spelling, line ending and chunking a
 * conforming decoder reads the same way passes.
 */
final class SseCases {
    /** The contract's last tick; the ticks are 1 to 5. */
    private static final int LAST_TICK = 5;
    /** The first tick follows {@code sse.start} at once; 300 ms is three tick intervals of slack. */
    private static final Duration FIRST_EVENT_WITHIN = Duration.ofMillis(300);
    /**
     * Ticks 1 to 5 are sent 400 ms apart; a server that buffers delivers them together, within a few milliseconds.
     * Half of that leaves 250 ms for tick 1 to be read late (a loaded machine) without a false finding.
     */
    private static final Duration MIN_TICK_SPREAD = Duration.ofMillis(150);
    private static final int CONCURRENT_STREAMS = 20;
    /** One stream takes 0.4 s; twenty one after another would take 8 s. */
    private static final Duration CONCURRENT_WITHIN = Duration.ofSeconds(4);
    /** Longer than a whole stream: a HEAD body leaking out late shows up within it. */
    private static final Duration HEAD_QUIET = Duration.ofSeconds(1);

    private SseCases() {
    }

    static List<WireCase> all() {
        return List.of(
                WireCase.of(Category.SSE, "stream-head", "WHATWG HTML 9.2.3, PAGI www.md SSE 'Server-supplied "
                        + "headers', RFC 9112 section 6.3: 200, content-type text/event-stream, cache-control "
                        + "no-cache, no content-length; chunked or close-delimited", SseCases::streamHead),
                WireCase.of(Category.SSE, "proxy-buffering-off", "PAGI www.md SSE 'Server-supplied headers': the "
                        + "server adds x-accel-buffering: no", SseCases::proxyBufferingOff)
                        .originOnly("nginx consumes X-Accel-Buffering: the header is addressed to it and does "
                                + "not reach the client"),
                WireCase.of(Category.SSE, "events", "PAGI conformance contract, WHATWG HTML 9.2.6: /events decodes "
                        + "to ticks 1-5 with ids, then done/finished, then the body ends", SseCases::events),
                WireCase.of(Category.SSE, "field-syntax", "WHATWG HTML 9.2.5: UTF-8; every line a comment or "
                        + "'name:value'; CRLF, CR or LF line ends; each event ended by a blank line",
                        SseCases::fieldSyntax),
                WireCase.of(Category.SSE, "no-buffering", "WHATWG HTML 9.2.7, PAGI main.md 'The application "
                        + "interface' (a send completes once the transport took its bytes): each event reaches the "
                        + "client as it is sent, not when the stream ends", SseCases::noBuffering),
                WireCase.of(Category.SSE, "last-event-id-resumes", "WHATWG HTML 9.2.4, PAGI conformance contract: "
                        + "Last-Event-ID: 3 resumes at tick 4", SseCases::lastEventIdResumes),
                WireCase.of(Category.SSE, "last-event-id-at-end", "WHATWG HTML 9.2.4, PAGI conformance contract: "
                        + "Last-Event-ID: 5 or beyond leaves only done", SseCases::lastEventIdAtEnd),
                WireCase.of(Category.SSE, "last-event-id-not-numeric", "PAGI conformance contract: only a numeric "
                        + "Last-Event-ID resumes; any other starts at tick 1", SseCases::lastEventIdNotNumeric),
                WireCase.of(Category.SSE, "accept-in-a-list", "PAGI www.md SSE 'Detection': text/event-stream in "
                        + "any case, with parameters, among other types, makes an sse request", SseCases::acceptInList),
                WireCase.of(Category.SSE, "any-method", "PAGI www.md SSE 'Detection': servers MUST support SSE "
                        + "for every method; a POST with a body streams too", SseCases::anyMethod),
                WireCase.of(Category.SSE, "declined-404", "PAGI www.md SSE 'Declining', PAGI conformance contract: "
                        + "another path answers 404 text/plain 'Not Found'", SseCases::declined),
                WireCase.of(Category.SSE, "declined-closes", "PAGI www.md SSE 'Declining': the server sends the "
                        + "response and closes", SseCases::declinedCloses)
                        .originOnly("nginx keeps the client connection alive after the upstream closes; the "
                                + "close is the origin's"),
                WireCase.of(Category.SSE, "without-accept-is-http", "PAGI www.md SSE 'Detection', PAGI conformance "
                        + "contract: /events without Accept: text/event-stream is http, so 404 'Not Found'",
                        SseCases::withoutAcceptIsHttp),
                WireCase.of(Category.SSE, "head-no-body", "RFC 9110 section 9.3.2: HEAD /events gets the head of "
                        + "the GET response and no body", SseCases::headNoBody),
                WireCase.of(Category.SSE, "closes-after-stream", "PAGI www.md SSE 'Ending the stream': the server "
                        + "writes the end of the stream and closes", SseCases::closesAfterStream)
                        .originOnly("nginx keeps the client connection alive after the upstream closes; the "
                                + "close is the origin's"),
                WireCase.of(Category.SSE, "serves-after-disconnect", "PAGI main.md 'Cancellation and "
                        + "disconnects', www.md 'sse.disconnect': a client leaving mid-stream does not stop the "
                        + "server; the next stream completes", SseCases::servesAfterDisconnect),
                WireCase.of(Category.SSE, "concurrent-streams", "PAGI main.md 'The application interface' (called "
                        + "concurrently, once per SSE stream): 20 streams at once all complete, side by side",
                        SseCases::concurrentStreams));
    }

    private static void streamHead(Target t) throws Exception {
        try (SseStreamReader s = SseStreamReader.request(t, SseStreamReader.get(t, "/events", ""))) {
            Http1Event.Response head = s.head();
            Expect.equal(200, head.status(), "status");
            Headers h = head.headers();
            // 9.2.3: a 200 whose Content-Type is not text/event-stream ("ignoring any MIME type parameters") fails
            // the EventSource connection.
            Expect.equal("text/event-stream", mediaType(h.first("content-type").orElse("")), "content-type");
            Expect.that(directives(h.all("cache-control")).contains("no-cache"),
                    "cache-control: expected no-cache, got " + Expect.excerpt(h.all("cache-control")));
            Expect.equal(List.of(), h.all("content-length"), "content-length of an unbounded stream");
            // RFC 9112 section 6.3: without content-length a response is chunked or delimited by the close.
            List<String> codings = directives(h.all("transfer-encoding"));
            Expect.that(codings.isEmpty() || codings.equals(List.of("chunked")),
                    "transfer-encoding: expected chunked or none (close-delimited), got " + Expect.excerpt(codings));
        }
    }

    private static void proxyBufferingOff(Target t) throws Exception {
        try (SseStreamReader s = SseStreamReader.request(t, SseStreamReader.get(t, "/events", ""))) {
            Http1Event.Response head = s.head();
            Expect.equal(200, head.status(), "status");
            Expect.equal(List.of("no"), directives(head.headers().all("x-accel-buffering")), "x-accel-buffering");
        }
    }

    private static void events(Target t) throws Exception {
        expectStream(t, SseStreamReader.get(t, "/events", ""), 1);
    }

    private static void fieldSyntax(Target t) throws Exception {
        try (SseStreamReader s = SseStreamReader.request(t, SseStreamReader.get(t, "/events", ""))) {
            Expect.equal(200, s.head().status(), "status");
            s.rest();
            checkFieldSyntax(s.body());
        }
    }

    private static void noBuffering(Target t) throws Exception {
        try (SseStreamReader s = SseStreamReader.request(t, SseStreamReader.get(t, "/events", ""))) {
            Expect.equal(200, s.head().status(), "status");
            List<SseStreamReader.Arrival> arrivals = s.rest();
            expectFrames(ticksFrom(1), arrivals.stream().map(SseStreamReader.Arrival::frame).toList());
            long firstAfterHead = arrivals.get(0).nanos() - s.headNanos();
            long spread = arrivals.get(LAST_TICK - 1).nanos() - arrivals.get(0).nanos();
            Expect.that(firstAfterHead <= FIRST_EVENT_WITHIN.toNanos(), "tick 1 came " + millis(firstAfterHead)
                    + " ms after the head; it is sent at once, so expected within " + FIRST_EVENT_WITHIN.toMillis()
                    + " ms");
            Expect.that(spread >= MIN_TICK_SPREAD.toNanos(), "ticks 1 to 5, sent 400 ms apart, arrived within "
                    + millis(spread) + " ms: the server held events back (expected at least "
                    + MIN_TICK_SPREAD.toMillis() + " ms)");
        }
    }

    private static void lastEventIdResumes(Target t) throws Exception {
        expectStream(t, SseStreamReader.get(t, "/events", "Last-Event-ID: 3\r\n"), 4);
    }

    private static void lastEventIdAtEnd(Target t) throws Exception {
        expectStream(t, SseStreamReader.get(t, "/events", "Last-Event-ID: 5\r\n"), LAST_TICK + 1);
        expectStream(t, SseStreamReader.get(t, "/events", "Last-Event-ID: 1000\r\n"), LAST_TICK + 1);
    }

    private static void lastEventIdNotNumeric(Target t) throws Exception {
        expectStream(t, SseStreamReader.get(t, "/events", "Last-Event-ID: three\r\n"), 1);
        expectStream(t, SseStreamReader.get(t, "/events", "Last-Event-ID: -3\r\n"), 1);
    }

    private static void acceptInList(Target t) throws Exception {
        expectStream(t, "GET /events HTTP/1.1\r\nHost: " + t.authority()
                + "\r\nAccept: text/html;q=0.9, TEXT/Event-Stream; charset=utf-8\r\n\r\n", 1);
    }

    private static void anyMethod(Target t) throws Exception {
        expectStream(t, "POST /events HTTP/1.1\r\nHost: " + t.authority() + "\r\nAccept: text/event-stream\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello", 1);
    }

    private static void declined(Target t) throws Exception {
        for (String path : List.of("/nowhere", "/events/")) {
            try (HttpConnection c = t.http()) {
                ResponseReader.Response r = c.send(SseStreamReader.get(t, path, "")).read("GET");
                expectNotFound(r, path + " with Accept: text/event-stream");
            }
        }
    }

    private static void declinedCloses(Target t) throws Exception {
        try (HttpConnection c = t.http()) {
            ResponseReader.Response r = c.send(SseStreamReader.get(t, "/nowhere", "")).read("GET");
            Expect.equal(404, r.status(), "status");
            Expect.that(c.closedByServer(), "the connection stayed open after the declined stream's 404");
        }
    }

    private static void withoutAcceptIsHttp(Target t) throws Exception {
        for (String accept : List.of("", "Accept: text/html\r\n")) {
            try (HttpConnection c = t.http()) {
                ResponseReader.Response r = c.send("GET /events HTTP/1.1\r\nHost: " + t.authority() + "\r\n"
                        + accept + "\r\n").read("GET");
                expectNotFound(r, "GET /events " + (accept.isEmpty() ? "without Accept" : "with Accept: text/html"));
            }
        }
    }

    private static void headNoBody(Target t) throws Exception {
        String head = "HEAD /events HTTP/1.1\r\nHost: " + t.authority() + "\r\nAccept: text/event-stream\r\n\r\n";
        try (SseStreamReader s = SseStreamReader.request(t, head)) {
            Expect.equal(200, s.head().status(), "status (HEAD answers like GET)");
            Expect.that(s.next().isEmpty(), "a HEAD response has no body");
            Expect.that(s.afterEnd(HEAD_QUIET) != SseStreamReader.AfterEnd.MORE_BYTES,
                    "the server sent bytes after the head of a HEAD response: a body, which HEAD must not have");
        }
    }

    private static void closesAfterStream(Target t) throws Exception {
        try (SseStreamReader s = SseStreamReader.request(t, SseStreamReader.get(t, "/events", ""))) {
            Expect.equal(200, s.head().status(), "status");
            expectFrames(ticksFrom(1), s.restFrames());
            SseStreamReader.AfterEnd after = s.afterEnd(t.timeout());
            Expect.that(after != SseStreamReader.AfterEnd.MORE_BYTES, "the server sent bytes after the end of the "
                    + "stream's body");
            Expect.that(after == SseStreamReader.AfterEnd.CLOSED, "the connection stayed open "
                    + t.timeout().toMillis() + " ms after the stream ended");
        }
    }

    private static void servesAfterDisconnect(Target t) throws Exception {
        try (SseStreamReader s = SseStreamReader.request(t, SseStreamReader.get(t, "/events", ""))) {
            Expect.equal(200, s.head().status(), "status");
        } // gone right after the head
        try (SseStreamReader s = SseStreamReader.request(t, SseStreamReader.get(t, "/events", ""))) {
            Expect.equal(200, s.head().status(), "status");
            Expect.that(s.next().isPresent() && s.next().isPresent(), "the stream ended before tick 2");
        } // gone after tick 2
        expectStream(t, SseStreamReader.get(t, "/events", ""), 1);
    }

    private static void concurrentStreams(Target t) throws Exception {
        List<SseStreamReader> streams = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int i = 0; i < CONCURRENT_STREAMS; i++) {
                streams.add(SseStreamReader.request(t, SseStreamReader.get(t, "/events", "")));
            }
            // Read one after another: the events of the others wait in their sockets meanwhile.
            for (int i = 0; i < streams.size(); i++) {
                SseStreamReader s = streams.get(i);
                Expect.equal(200, s.head().status(), "status of stream " + (i + 1));
                List<SseFrame> frames = s.restFrames();
                if (!frames.equals(ticksFrom(1))) {
                    throw new CaseFailed("stream " + (i + 1) + " of " + CONCURRENT_STREAMS + ": expected "
                            + describe(ticksFrom(1)) + ", got " + describe(frames));
                }
            }
        } finally {
            for (SseStreamReader s : streams) {
                s.close();
            }
        }
        long took = System.nanoTime() - start;
        Expect.that(took <= CONCURRENT_WITHIN.toNanos(), CONCURRENT_STREAMS + " streams of 0.4 s took "
                + millis(took) + " ms together: the server ran them one after another");
    }

    /**
     * The grammar of 9.2.5, as the contract's stream uses it: {@code stream = [ bom ] *event}, each event lines of
     * {@code comment} ({@code :...}) or {@code field} ({@code name:value}, one optional space after the colon),
     * then an empty line; every line ended by CRLF, CR or LF. A field without a colon is grammatical but never
     * carries this contract's values, so it is refused here.
     */
    private static void checkFieldSyntax(byte[] body) {
        Expect.that(body.length > 0, "the stream's body is empty");
        Expect.that(Bytes.of(body).isValidUtf8(), "the stream is not valid UTF-8 (9.2.5: it is always UTF-8)");
        String text = Bytes.of(body).utf8();
        int at = text.startsWith("\uFEFF") ? 1 : 0;
        int lineNumber = 0;
        String line = null;
        while (at < text.length()) {
            int end = at;
            while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
                end++;
            }
            Expect.that(end < text.length(), "the stream ends inside a line: " + Expect.excerpt(text.substring(at)));
            line = text.substring(at, end);
            lineNumber++;
            Expect.that(line.isEmpty() || line.startsWith(":") || line.indexOf(':') > 0, "line " + lineNumber
                    + " is neither a comment nor 'name:value': " + Expect.excerpt(line));
            at = end + (text.startsWith("\r\n", end) ? 2 : 1);
        }
        Expect.that(line != null && line.isEmpty(), "the last event is not ended by an empty line, so a client "
                + "never dispatches it: the stream ends with " + Expect.excerpt(line));
    }

    /** Reads a whole stream and checks its events are ticks {@code firstTick} to 5 then done. */
    private static void expectStream(Target t, String request, int firstTick) throws Exception {
        try (SseStreamReader s = SseStreamReader.request(t, request)) {
            Http1Event.Response head = s.head();
            Expect.equal(200, head.status(), "status");
            Expect.equal("text/event-stream", mediaType(head.headers().first("content-type").orElse("")),
                    "content-type");
            expectFrames(ticksFrom(firstTick), s.restFrames());
        }
    }

    private static void expectFrames(List<SseFrame> expected, List<SseFrame> actual) {
        if (!expected.equals(actual)) {
            throw new CaseFailed("events: expected " + describe(expected) + ", got " + describe(actual));
        }
    }

    private static void expectNotFound(ResponseReader.Response r, String what) {
        Expect.equal(404, r.status(), what + ": status");
        Expect.equal("text/plain", mediaType(r.headers().first("content-type").orElse("")), what + ": content-type");
        Expect.equal(Bytes.utf8("Not Found"), r.body(), what + ": body");
    }

    /** @return the contract's events after {@code Last-Event-ID: firstTick - 1}, as a conforming decoder reads them */
    static List<SseFrame> ticksFrom(int firstTick) {
        List<SseFrame> out = new ArrayList<>();
        String lastId = "";
        for (int k = firstTick; k <= LAST_TICK; k++) {
            lastId = Integer.toString(k);
            out.add(SseFrame.of("tick", lastId).withId(lastId));
        }
        out.add(SseFrame.of("done", "finished").withLastEventId(lastId));
        return out;
    }

    /** @return {@code event:data}, then {@code #id}, {@code @lastEventId} when carried over, {@code ~retry} */
    static String describe(List<SseFrame> frames) {
        if (frames.isEmpty()) {
            return "no events";
        }
        return frames.stream().map(f -> f.event() + ":" + Expect.excerpt(f.data())
                + f.id().map(id -> "#" + id).orElse(f.lastEventId().isEmpty() ? "" : "@" + f.lastEventId())
                + (f.retry().isPresent() ? "~" + f.retry().getAsLong() : ""))
                .collect(Collectors.joining(" "));
    }

    /** @return the media type of a content-type value, lower case, without parameters */
    static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** @return the comma-separated elements of every field value, trimmed and lower case */
    static List<String> directives(List<String> values) {
        return values.stream().flatMap(v -> List.of(v.split(",")).stream())
                .map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).toList();
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
