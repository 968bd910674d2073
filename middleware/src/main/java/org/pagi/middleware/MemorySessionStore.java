package org.pagi.middleware;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps sessions in this process's memory; the token is the session id. Bounded: when {@link Builder#maxEntries(int)}
 * sessions are held, saving a new one evicts the least recently used (loaded or saved) session, whose user starts a
 * fresh session on the next request. Expired sessions are removed by {@link Session} when they are next presented
 * and otherwise age out through that eviction. Sessions do not survive a restart and are not shared between
 * processes.
 */
public final class MemorySessionStore implements SessionStore {

    private final int maxEntries;
    private final LinkedHashMap<String, Record> sessions;

    private MemorySessionStore(int maxEntries) {
        this.maxEntries = maxEntries;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
                return size() > MemorySessionStore.this.maxEntries;
            }
        };
    }

    /** @return a builder with the default bound of 10000 sessions */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the most sessions held at once */
    public int maxEntries() {
        return maxEntries;
    }

    /** @return how many sessions are held now */
    public synchronized int size() {
        return sessions.size();
    }

    @Override
    public synchronized Optional<Record> load(String token) {
        return Optional.ofNullable(sessions.get(token));
    }

    @Override
    public synchronized String save(Record record) {
        sessions.put(record.id(), record);
        return record.id();
    }

    @Override
    public synchronized void delete(String token) {
        sessions.remove(token);
    }

    /** Collects the settings. */
    public static final class Builder {
        private int maxEntries = 10_000;

        private Builder() {
        }

        /**
         * @param value the most sessions held at once, 1 or more (default 10000)
         * @return this builder
         */
        public Builder maxEntries(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1, got " + value);
            }
            maxEntries = value;
            return this;
        }

        /** @return the store */
        public MemorySessionStore build() {
            return new MemorySessionStore(maxEntries);
        }
    }
}
