/**
 * Rate limiting shared by the middleware and the ready-made apps: one
 * {@link org.pagi.wrappers.limit.TokenBucket} (the generic cell rate algorithm, one {@code long} of state per key),
 * the {@link org.pagi.wrappers.limit.RateLimitStore} that keeps those states (bounded in memory by default) and the
 * {@link org.pagi.wrappers.limit.RateLimitHeaders} every limiter sends.
 */
package org.pagi.wrappers.limit;
