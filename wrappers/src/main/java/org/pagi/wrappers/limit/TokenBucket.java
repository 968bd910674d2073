package org.pagi.wrappers.limit;

import java.time.Clock;
import java.time.Instant;

/**
 * A token bucket of {@code burst} tokens, refilled by one token every {@code intervalNanos}, kept in the form of
 * the generic cell rate algorithm: the whole state of a key is one {@code long}, its theoretical arrival time
 * (when the bucket would be full again if nothing else arrived). Integer arithmetic only, so the bound the
 * bucket promises (at most {@code burst + window / interval} admissions over any window) holds exactly. Shared by
 * the {@code RateLimit} and {@code WebSocketRateLimit} middleware and the {@code Throttle} app.
 *
 * @param intervalNanos nanoseconds to refill one token (the reciprocal of the rate)
 * @param burst the bucket's capacity: how many requests a full bucket admits at once
 */
public record TokenBucket(long intervalNanos, int burst) {

    /** Validates both values and that {@code burst × intervalNanos} fits in a {@code long}. */
    public TokenBucket {
        if (intervalNanos < 1) {
            throw new IllegalArgumentException("rate: at most one token per nanosecond, got interval " + intervalNanos);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst: must be at least 1, got " + burst);
        }
        try {
            Math.multiplyExact(intervalNanos, (long) burst);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("burst: burst / rate must be under 292 years, got burst " + burst
                    + " and an interval of " + intervalNanos + " ns");
        }
    }

    /**
     * A bucket refilled at {@code perSecond} tokens a second.
     *
     * @throws IllegalArgumentException naming {@code rate} when it is not a positive finite number up to 1e9
     */
    public static TokenBucket perSecond(double perSecond, int burst) {
        if (!(perSecond > 0) || !Double.isFinite(perSecond) || perSecond > 1e9) {
            throw new IllegalArgumentException("rate: requests per second must be in (0, 1e9], got " + perSecond);
        }
        return new TokenBucket(Math.max(1, Math.round(1e9 / perSecond)), burst);
    }

    /** Nanoseconds a drained bucket needs to be full again: {@code burst × intervalNanos}. */
    public long windowNanos() {
        return intervalNanos * burst;
    }

    /**
     * Tries to take one token.
     *
     * @param tat the key's theoretical arrival time; {@code now} for a key never seen (a full bucket)
     * @param now the current time in nanoseconds on the same scale as {@code tat}
     * @return the decision and the key's next state
     */
    public Take take(long tat, long now) {
        return take(tat, now, 1);
    }

    /**
     * Tries to take {@code cost} tokens at once (a message's bytes); a cost above {@code burst} is never allowed.
     *
     * @param tat the key's theoretical arrival time; {@code now} for a key never seen (a full bucket)
     * @param now the current time in nanoseconds on the same scale as {@code tat}
     * @param cost tokens to take, at least 0
     * @return the decision and the key's next state
     */
    public Take take(long tat, long now, long cost) {
        if (cost < 0) {
            throw new IllegalArgumentException("cost: must not be negative, got " + cost);
        }
        long ahead = Math.max(0, tat - now);
        if (cost > burst) {
            return new Take(false, tat, 0, Long.MAX_VALUE, ahead);
        }
        long price = cost * intervalNanos;
        long allowance = windowNanos() - price;
        if (ahead > allowance) {
            return new Take(false, tat, 0, ahead - allowance, ahead);
        }
        long next = ahead + price;
        int remaining = (int) ((windowNanos() - next) / intervalNanos);
        return new Take(true, now + next, remaining, 0, next);
    }

    /**
     * @param clock the time source
     * @return {@code clock}'s current time in nanoseconds since the epoch, the scale the buckets' states use
     */
    public static long epochNanos(Clock clock) {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    /**
     * The outcome of one {@link #take}.
     *
     * @param allowed whether a token was taken
     * @param tat the key's state to store
     * @param remaining tokens left after this request
     * @param retryAfterNanos when refused, how long until one token is back; 0 when allowed
     * @param resetNanos how long until the bucket is full again
     */
    public record Take(boolean allowed, long tat, int remaining, long retryAfterNanos, long resetNanos) {
    }
}
