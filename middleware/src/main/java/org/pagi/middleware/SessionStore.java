package org.pagi.middleware;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Where {@link Session} keeps session data between requests. A store turns a {@link Record} into a token that
 * travels to the client (see {@link SessionState}) and back. Implementations must be thread-safe.
 *
 * <p>{@link Session} calls only the asynchronous methods, so that a store across the network (Redis) does not
 * block the server's loop; their defaults run the synchronous ones at once, right for a store in memory or in the
 * cookie. A failed stage means the store could not answer (not that the session is unknown): {@link Session}
 * then answers 503 rather than starting a new session.
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
     * {@link #load} without blocking; by default runs it at once.
     *
     * @param token a token the client sent back
     * @return the session, or empty when the token is unknown; fails when the store cannot answer
     */
    default CompletionStage<Optional<Record>> loadAsync(String token) {
        return now(() -> load(token));
    }

    /**
     * {@link #save} without blocking; by default runs it at once.
     *
     * @param record the session to keep
     * @return the token the client must send back; fails when the store cannot keep it
     */
    default CompletionStage<String> saveAsync(Record record) {
        return now(() -> save(record));
    }

    /**
     * {@link #delete} without blocking; by default runs it at once.
     *
     * @param token a token earlier returned by a save
     * @return completes once the session can no longer be loaded; fails when the store cannot forget it
     */
    default CompletionStage<Void> deleteAsync(String token) {
        return now(() -> {
            delete(token);
            return null;
        });
    }

    private static <T> CompletionStage<T> now(Supplier<T> call) {
        try {
            return CompletableFuture.completedFuture(call.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

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

        /**
         * @return the compact binary form the cookie and Redis stores keep: {@code id, issuedAt, lastSeen} (epoch
         *     milliseconds), the entry count, then each key and value (modified UTF-8, as {@link DataOutputStream})
         */
        public byte[] encode() {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeUTF(id);
                out.writeLong(issuedAt.toEpochMilli());
                out.writeLong(lastSeen.toEpochMilli());
                out.writeInt(data.size());
                for (Map.Entry<String, String> e : data.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeUTF(e.getValue());
                }
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * @param bytes what {@link #encode()} wrote
         * @return the record, or empty when the bytes are not one (written by an incompatible version)
         */
        public static Optional<Record> decode(byte[] bytes) {
            try {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
                String id = in.readUTF();
                Instant issuedAt = Instant.ofEpochMilli(in.readLong());
                Instant lastSeen = Instant.ofEpochMilli(in.readLong());
                int n = in.readInt();
                Map<String, String> data = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    data.put(in.readUTF(), in.readUTF());
                }
                return in.available() == 0 ? Optional.of(new Record(id, data, issuedAt, lastSeen)) : Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
