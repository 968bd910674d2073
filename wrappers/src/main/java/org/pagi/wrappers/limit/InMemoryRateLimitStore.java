package org.pagi.wrappers.limit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded in-memory {@link RateLimitStore}: an access-ordered map from key to theoretical arrival time behind
 * one lock (a take is a few arithmetic operations, so the lock is held for nanoseconds). When a new key would
 * exceed {@code maxKeys}, the least recently used key is dropped (that client starts again with a full bucket),
 * so memory stays bounded whatever the number of clients.
 */
public final class InMemoryRateLimitStore implements RateLimitStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Long> states;
    private final int maxKeys;

    /**
     * An empty store.
     *
     * @throws IllegalArgumentException naming {@code maxKeys} when it is below 1
     */
    public InMemoryRateLimitStore(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys: must be at least 1, got " + maxKeys);
        }
        this.maxKeys = maxKeys;
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > InMemoryRateLimitStore.this.maxKeys;
            }
        };
    }

    @Override
    public TokenBucket.Take take(String key, TokenBucket bucket, long nowNanos) {
        lock.lock();
        try {
            Long tat = states.get(key);
            TokenBucket.Take take = bucket.take(tat == null ? nowNanos : tat, nowNanos);
            states.put(key, take.tat());
            return take;
        } finally {
            lock.unlock();
        }
    }

    /** How many keys the table holds now (never more than {@code maxKeys}). */
    public int size() {
        lock.lock();
        try {
            return states.size();
        } finally {
            lock.unlock();
        }
    }
}
