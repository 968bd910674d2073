package org.pagi.wrappers.request;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.pagi.spec.ConnectionState;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;

/**
 * The body state of one request, shared by every {@link Request} made for it: a middleware that read the body
 * and then calls the next application with the same scope and {@code receive} leaves the body readable there
 * (the cached bytes replay), instead of leaving the handler waiting on a drained {@code receive}.
 *
 * <p>Found by the scope's {@code pagi.connection} (one per request) plus the identity of {@code receive}: a
 * middleware that substitutes its own {@code receive} gets a body state of its own. Entries are dropped, and
 * unmoved upload temp files deleted, when the request completes or the client disconnects.
 *
 * <p>Every request of a server passes through here, so the registry takes no global lock: a concurrent map keyed
 * by the connection's identity. As a fallback for a connection state that never reports either end, the key
 * holds the connection weakly and an entry whose connection was collected is dropped by a later call; when the
 * request stored an upload temp file, a {@link Cleaner} on the connection deletes it too. A request that ends
 * normally clears its key, so the garbage collector has no reference to process for it.
 */
final class SharedBody {

    private static final ConcurrentHashMap<Object, SharedBody> BY_REQUEST = new ConcurrentHashMap<>();
    private static final ReferenceQueue<ConnectionState> COLLECTED = new ReferenceQueue<>();

    final Receive receive;
    final BodyReader reader;
    final TempFiles temps;
    private final RequestKey key;
    private final SharedBody next; // another body state of the same request (a substituted receive); usually null
    private CompletionStage<MultipartForm> form;

    private SharedBody(Receive receive, RequestKey key, SharedBody next) {
        this.receive = receive;
        this.reader = new BodyReader(receive);
        this.key = key;
        this.next = next;
        this.temps = new TempFiles(this::watchTempFiles);
    }

    static SharedBody of(HttpScope scope, Receive receive) {
        dropCollected();
        ConnectionState connection = scope.connection();
        SharedBody known = find(BY_REQUEST.get(new Lookup(connection)), receive);
        if (known != null) {
            return known;
        }
        RequestKey fresh = new RequestKey(connection);
        SharedBody first = new SharedBody(receive, fresh, null);
        SharedBody entry = BY_REQUEST.putIfAbsent(fresh, first);
        if (entry == null) {
            entry = first; // the usual case: the first Request of this request
        } else {
            // Another Request of this request got there first, or a middleware substituted receive.
            SharedBody[] result = new SharedBody[1];
            BY_REQUEST.compute(fresh, (k, bodies) -> {
                SharedBody found = find(bodies, receive);
                result[0] = found != null ? found : new SharedBody(receive, bodies == null ? fresh : bodies.key, bodies);
                return found != null ? bodies : result[0];
            });
            entry = result[0];
        }
        if (entry.key == fresh) {
            // A new entry. Outside the map's lock: a callback registered after the request ended runs at once.
            connection.onComplete(fresh);
            connection.onDisconnect(fresh);
        } else {
            fresh.clear();
        }
        return entry;
    }

    private static SharedBody find(SharedBody bodies, Receive receive) {
        for (SharedBody b = bodies; b != null; b = b.next) {
            if (b.receive == receive) {
                return b;
            }
        }
        return null;
    }

    /** Ends the body states of every request whose connection was garbage collected without reporting an end. */
    private static void dropCollected() {
        for (Reference<?> gone; (gone = COLLECTED.poll()) != null; ) {
            end(BY_REQUEST.remove(gone));
        }
    }

    private static void end(SharedBody bodies) {
        for (SharedBody b = bodies; b != null; b = b.next) {
            b.temps.endRequest();
        }
    }

    /** Called by {@link TempFiles} before its first file: from now on a collected connection deletes the files. */
    private void watchTempFiles() {
        ConnectionState connection = key.get();
        if (connection != null) {
            CleanerHolder.CLEANER.register(connection, temps::endRequest);
        }
    }

    /** Whether the registry holds a body state of {@code connection}'s request (for tests). */
    static boolean isTracked(ConnectionState connection) {
        return BY_REQUEST.containsKey(new Lookup(connection));
    }

    /** Whether the registry holds an entry whose connection was collected and not dropped yet (for tests). */
    static boolean holdsCollected() {
        return BY_REQUEST.keySet().stream().anyMatch(k -> ((RequestKey) k).refersTo(null));
    }

    /** The multipart form of this body, read by {@code read} the first time and shared after. */
    synchronized CompletionStage<MultipartForm> form(Supplier<CompletionStage<MultipartForm>> read) {
        if (form == null) {
            form = read.get();
        }
        return form;
    }

    /** Started on the first upload temp file, not when the class loads: most processes never store one. */
    private static final class CleanerHolder {
        static final Cleaner CLEANER = Cleaner.create();
    }

    /**
     * The registry key of one request: its connection, held weakly and compared by identity. It is also the
     * end-of-request callback, so a request registers one object for both ends.
     */
    private static final class RequestKey extends WeakReference<ConnectionState>
            implements Runnable, Consumer<DisconnectReason> {
        private final int hash;

        RequestKey(ConnectionState connection) {
            super(connection, COLLECTED);
            this.hash = System.identityHashCode(connection);
        }

        @Override
        public void run() {
            end(BY_REQUEST.remove(this));
            clear(); // nothing left for the garbage collector to report
        }

        @Override
        public void accept(DisconnectReason reason) {
            run();
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            ConnectionState mine = get();
            return mine != null && o instanceof RequestKey other && other.get() == mine;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A look-up of a connection's entry that allocates no weak reference. */
    private record Lookup(ConnectionState connection) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RequestKey key && key.get() == connection;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(connection);
        }
    }
}
