package org.pagi.wrappers.limit;

/**
 * What a limiter does with a request when its {@link RateLimitStore} cannot decide (Redis down or timing out).
 * Either way the outage is logged once when it starts and once when the store answers again, not per request.
 */
public enum StoreFailure {
    /** Admit the request without a limit (and without {@code X-RateLimit-*} fields): availability first. */
    FAIL_OPEN,
    /** Answer {@code 503 Service Unavailable} with {@code Retry-After: 1}: the limit is never exceeded. */
    FAIL_CLOSED
}
