package org.pagi.middleware;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The session of one request, as the application sees it ({@link Session#of}): string values by key, plus
 * {@link #regenerate()} (call it on login: a new id, the old one invalidated) and {@link #destroy()} (logout).
 * Changes are saved when the response starts; changing the session after that, or on a websocket or sse scope
 * (where no response header can carry a new token), throws {@link IllegalStateException}. Thread-safe.
 */
public final class SessionData {

    private final boolean readOnly;
    private final boolean isNew;
    private final Instant lastSeen;
    private final Map<String, String> values;
    private String id;
    private Instant issuedAt;
    private boolean changed;
    private boolean regenerated;
    private boolean destroyed;
    private boolean committed;

    SessionData(SessionStore.Record record, boolean isNew, boolean readOnly) {
        this.id = record.id();
        this.values = new HashMap<>(record.data());
        this.issuedAt = record.issuedAt();
        this.lastSeen = record.lastSeen();
        this.isNew = isNew;
        this.readOnly = readOnly;
    }

    /** @return the session id (not the token: for the cookie store the token is the encrypted session) */
    public synchronized String id() {
        return id;
    }

    /** @return whether this request started the session (the client sent no valid, unexpired token) */
    public boolean isNew() {
        return isNew;
    }

    /** @return whether changes are refused (websocket and sse scopes) */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** @return when this session id was issued */
    public synchronized Instant issuedAt() {
        return issuedAt;
    }

    /**
     * @param key a key
     * @return its value, if set
     */
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** @return the keys set */
    public synchronized Set<String> keys() {
        return Set.copyOf(values.keySet());
    }

    /** @return a copy of all values */
    public synchronized Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    /**
     * @param key   a key
     * @param value its new value
     */
    public synchronized void set(String key, String value) {
        writable();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!value.equals(values.put(key, value))) {
            changed = true;
        }
    }

    /** @param key a key to remove */
    public synchronized void remove(String key) {
        writable();
        if (values.remove(key) != null) {
            changed = true;
        }
    }

    /**
     * Gives the session a new id (and a new issued-at) keeping its values, and invalidates the old id in the store;
     * call it when the user's privilege changes (login), so an id planted or seen before cannot ride along.
     */
    public synchronized void regenerate() {
        writable();
        id = RequestId.random();
        issuedAt = null; // set to the commit time
        regenerated = true;
    }

    /** Ends the session: the store forgets it and the client is told to drop its token. */
    public synchronized void destroy() {
        writable();
        values.clear();
        destroyed = true;
    }

    private void writable() {
        if (readOnly) {
            throw new IllegalStateException("session is read-only on websocket and sse scopes");
        }
        if (committed) {
            throw new IllegalStateException("session changed after the response started: it can no longer be saved");
        }
        if (destroyed) {
            throw new IllegalStateException("session was destroyed in this request");
        }
    }

    /** Freezes the session at the response start and says what must be saved. */
    synchronized Commit commit(Instant now) {
        committed = true;
        return new Commit(id, Map.copyOf(values), issuedAt == null || isNew ? now : issuedAt, lastSeen, isNew, changed,
                regenerated, destroyed);
    }

    /** The session as the response starts. */
    record Commit(String id, Map<String, String> data, Instant issuedAt, Instant lastSeen, boolean isNew,
            boolean changed, boolean regenerated, boolean destroyed) {
    }
}
