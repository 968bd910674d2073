package org.pagi.wrappers.limit;

import org.pagi.spec.Headers;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseStart;

/**
 * The {@code X-RateLimit-*} fields a limiter adds to every answer, admitted or refused, and the {@code send} that
 * adds them to the response start. When limiters nest (a global one around a route's), every one counts the
 * request and the innermost one's fields reach the client: a start that already carries them is left alone.
 */
public final class RateLimitHeaders {
    private RateLimitHeaders() {
    }

    /**
     * @param bucket the policy
     * @param take   this request's decision
     * @param now    the time of the decision, nanoseconds since the epoch
     * @return {@code X-RateLimit-Limit} (the burst), {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}
     *         (epoch seconds when the bucket is full again)
     */
    public static Headers fields(TokenBucket bucket, TokenBucket.Take take, long now) {
        return Headers.of("x-ratelimit-limit", Integer.toString(bucket.burst()),
                "x-ratelimit-remaining", Integer.toString(take.remaining()),
                "x-ratelimit-reset", Long.toString(ceilSeconds(now + take.resetNanos())));
    }

    /**
     * @param send   the downstream send
     * @param fields the fields to add
     * @return a send that appends {@code fields} to {@code http.response.start} unless it carries
     *         {@code x-ratelimit-limit} already; every other event passes unchanged
     */
    public static Send adding(Send send, Headers fields) {
        return event -> send.send(event instanceof HttpResponseStart start
                && !start.headers().contains("x-ratelimit-limit")
                ? new HttpResponseStart(start.status(), Headers.builder().addAll(start.headers()).addAll(fields)
                        .build(), start.trailers())
                : event);
    }

    /**
     * @param take a refusal
     * @return the {@code Retry-After} value: whole seconds until a token is back, at least 1
     */
    public static long retryAfterSeconds(TokenBucket.Take take) {
        return Math.max(1, ceilSeconds(take.retryAfterNanos()));
    }

    /**
     * @param nanos a duration or an instant in nanoseconds
     * @return the same in seconds, rounded up
     */
    public static long ceilSeconds(long nanos) {
        return Math.ceilDiv(nanos, 1_000_000_000L);
    }
}
