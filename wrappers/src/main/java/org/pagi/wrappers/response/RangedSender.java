package org.pagi.wrappers.response;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.http.ByteRange;
import org.pagi.wrappers.http.RangeResult;

/**
 * Sends a representation of known length with {@link Conditional}'s answer: 304, 200, 206 (one range or
 * {@code multipart/byteranges}) or 416. The one implementation behind {@link FileResponse} and
 * {@link RangedResponse}. A HEAD request gets the same status and headers as the GET would, and no body.
 */
final class RangedSender {

    /** Fields a 304 repeats from the 200 it stands for (RFC 9110 section 15.4.5), besides the validators. */
    private static final Set<String> KEPT_BY_304 = Set.of("cache-control", "content-location", "date", "expires",
            "vary", "set-cookie");

    private RangedSender() {
    }

    /**
     * @param headers every field of a 200 except {@code content-length}, {@code accept-ranges} and the validators
     * @param etag         the {@code ETag} value, if any
     * @param lastModified the {@code Last-Modified} time, if any
     */
    static CompletionStage<Void> respond(HttpScope scope, Send send, Headers headers, Optional<String> etag,
            Optional<Instant> lastModified, BodySource body) {
        Headers.Builder validators = Headers.builder();
        etag.ifPresent(t -> validators.add("etag", t));
        lastModified.ifPresent(t -> validators.add("last-modified", org.pagi.wrappers.http.HttpDate.format(t)));
        Headers withValidators = Headers.builder().addAll(headers).addAll(validators.build()).build();
        boolean head = scope.method().equals("HEAD");
        long length = body.length();
        ResponseState.claim(scope, send);
        return switch (Conditional.evaluate(scope, length, etag, lastModified)) {
            case Conditional.NotModified n -> {
                Headers.Builder kept = Headers.builder();
                for (Header h : headers) {
                    if (KEPT_BY_304.contains(h.name())) {
                        kept.add(h);
                    }
                }
                yield startThenEmpty(send, 304, kept.addAll(validators.build()).build());
            }
            case Conditional.Body(RangeResult.Full f) -> {
                Headers all = ranged(withValidators, length);
                yield head ? startThenEmpty(send, 200, all)
                        : send.send(new HttpResponseStart(200, all)).thenCompose(v -> body.send(send, 0, length, true));
            }
            case Conditional.Body(RangeResult.Unsatisfiable u) -> startThenEmpty(send, 416, Headers.builder()
                    .addAll(withValidators.without("content-type")).add("content-range", u.contentRange())
                    .add("accept-ranges", "bytes").add("content-length", "0").build());
            case Conditional.Body(RangeResult.Partial p) -> partial(send, withValidators, p.ranges(), body);
        };
    }

    private static CompletionStage<Void> partial(Send send, Headers headers, List<ByteRange> ranges,
            BodySource body) {
        long length = body.length();
        if (ranges.size() == 1) {
            ByteRange r = ranges.get(0);
            Headers all = Headers.builder().addAll(ranged(headers, r.length()))
                    .add("content-range", r.contentRange(length)).build();
            return send.send(new HttpResponseStart(206, all))
                    .thenCompose(v -> body.send(send, r.first(), r.length(), true));
        }
        MultipartRanges multipart = MultipartRanges.of(ranges, headers.first("content-type"), length);
        Headers all = ranged(headers.replace("content-type", multipart.contentType()), multipart.contentLength());
        return send.send(new HttpResponseStart(206, all)).thenCompose(v -> multipart.send(send, body));
    }

    private static Headers ranged(Headers headers, long contentLength) {
        return Headers.builder().addAll(headers).add("accept-ranges", "bytes")
                .add("content-length", Long.toString(contentLength)).build();
    }

    private static CompletionStage<Void> startThenEmpty(Send send, int status, Headers headers) {
        return send.send(new HttpResponseStart(status, headers))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.empty())));
    }
}
