package org.pagi.middleware;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link Session} keeps session data between requests. A store turns a {@link Record} into a token that
 * travels to the client (see {@link SessionState}) and back. Implementations must be thread-safe.
 */
public interface SessionStore {

    /**
     * @param token a token the client sent back
     * @return the session it stands for, or empty when the token is unknown, forged or damaged
     */
    Optional<Record> load(String token);

    /**
     * @param record the session to keep
     * @return the token the client must send back from now on
     */
    String save(Record record);

    /**
     * Forgets the session behind {@code token}, so it can no longer be loaded (a no-op for stores that keep nothing
     * on the server).
     *
     * @param token a token earlier returned by {@link #save(Record)}
     */
    void delete(String token);

    /**
     * One session as stored.
     *
     * @param id       the session id (random, 128 bits)
     * @param data     the values the application set
     * @param issuedAt when the session (this id) was created; the absolute expiry counts from here
     * @param lastSeen when it was last saved; the idle expiry counts from here
     */
    record Record(String id, Map<String, String> data, Instant issuedAt, Instant lastSeen) {
        /** Copies the data and checks every part is present. */
        public Record {
            Objects.requireNonNull(id, "id");
            data = Map.copyOf(data);
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }
}
