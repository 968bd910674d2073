package org.pagi.middleware;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.pagi.spec.Headers;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/**
 * The {@code send} one response of {@link Compression} goes through. The start event of a compressible response
 * is held until the first body event shows whether the body is single-event (compressed whole, new
 * {@code Content-Length}) or streamed (compressed and flushed per event); nothing else is held or buffered.
 * Events of one response arrive one after another, so the state needs no locking.
 */
final class CompressingSend implements Send {
    private enum Mode { START, HELD, STREAMING, PASS }

    private final Compression.Config config;
    private final Optional<ContentCoding> coding;
    private final boolean head;
    private final Predicate<String> compressibleType;
    private final Send downstream;
    private Mode mode = Mode.START;
    private HttpResponseStart held;
    private StreamEncoder encoder;

    CompressingSend(Compression.Config config, Optional<ContentCoding> coding, boolean head,
                    Predicate<String> compressibleType, Send downstream) {
        this.config = config;
        this.coding = coding;
        this.head = head;
        this.compressibleType = compressibleType;
        this.downstream = downstream;
    }

    @Override
    public CompletionStage<Void> send(Event event) {
        return switch (mode) {
            case START -> event instanceof HttpResponseStart start ? onStart(start) : downstream.send(event);
            case HELD -> event instanceof HttpResponseBody body ? onFirstBody(body) : releaseUncompressed(event);
            case STREAMING -> event instanceof HttpResponseBody body
                    ? downstream.send(new HttpResponseBody(encoder.encode(body.body(), !body.more()), body.more()))
                    : downstream.send(event);
            case PASS -> downstream.send(event);
        };
    }

    private CompletionStage<Void> onStart(HttpResponseStart start) {
        mode = Mode.PASS;
        Headers headers = start.headers();
        if (!eligible(start.status(), headers)) {
            return downstream.send(start);
        }
        HttpResponseStart varied = with(start, vary(headers));
        Optional<Long> declared = headers.first("content-length").flatMap(CompressingSend::parseLength);
        if (coding.isEmpty() || declared.filter(n -> n < config.minSize()).isPresent()) {
            return downstream.send(varied);
        }
        if (head) {
            return downstream.send(with(start, compressedHeaders(varied.headers())));
        }
        held = varied;
        mode = Mode.HELD;
        return done();
    }

    private CompletionStage<Void> onFirstBody(HttpResponseBody body) {
        HttpResponseStart start = held;
        held = null;
        if (!body.more() && body.body().length() < config.minSize()) {
            mode = Mode.PASS;
            return downstream.send(start).thenCompose(v -> downstream.send(body));
        }
        encoder = new StreamEncoder(coding.orElseThrow(), config.level());
        Headers headers = compressedHeaders(start.headers());
        if (!body.more()) {
            mode = Mode.PASS;
            HttpResponseBody whole = HttpResponseBody.last(encoder.encode(body.body(), true));
            HttpResponseStart sized = with(start, headers.with("content-length",
                    Integer.toString(whole.body().length())));
            return downstream.send(sized).thenCompose(v -> downstream.send(whole));
        }
        mode = Mode.STREAMING;
        HttpResponseBody first = new HttpResponseBody(encoder.encode(body.body(), false), true);
        return downstream.send(with(start, headers)).thenCompose(v -> downstream.send(first));
    }

    /** A file, channel or other body kind follows the start: it goes out as it is. */
    private CompletionStage<Void> releaseUncompressed(Event event) {
        HttpResponseStart start = held;
        held = null;
        mode = Mode.PASS;
        return downstream.send(start).thenCompose(v -> downstream.send(event));
    }

    private boolean eligible(int status, Headers headers) {
        if (status < 200 || status >= 300 || status == 204 || status == 206) {
            return false;
        }
        if (headers.contains("content-encoding")) {
            return false;
        }
        boolean noTransform = headers.all("cache-control").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .anyMatch(d -> d.strip().equalsIgnoreCase("no-transform"));
        return !noTransform && headers.first("content-type").filter(compressibleType).isPresent();
    }

    /** {@code Vary: Accept-Encoding} unless {@code Vary} already lists it or {@code *}. */
    private static Headers vary(Headers headers) {
        boolean listed = headers.all("vary").stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(v -> v.strip().toLowerCase(Locale.ROOT))
                .anyMatch(v -> v.equals("*") || v.equals("accept-encoding"));
        return listed ? headers : headers.with("vary", "Accept-Encoding");
    }

    private Headers compressedHeaders(Headers headers) {
        Headers out = headers.without("content-length").with("content-encoding", coding.orElseThrow().token());
        Optional<String> etag = headers.first("etag").map(String::strip);
        if (etag.isPresent() && !etag.get().startsWith("W/")) {
            out = out.replace("etag", "W/" + etag.get());
        }
        return out;
    }

    private static HttpResponseStart with(HttpResponseStart start, Headers headers) {
        return new HttpResponseStart(start.status(), headers, start.trailers());
    }

    private static Optional<Long> parseLength(String value) {
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
