package org.pagi.wrappers.request;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.ConnectionState;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;

/**
 * The body state of one request, shared by every {@link Request} made for it: a middleware that read the body
 * and then calls the next application with the same scope and {@code receive} leaves the body readable there
 * (the cached bytes replay), instead of leaving the handler waiting on a drained {@code receive}.
 *
 * <p>Found by the scope's {@code pagi.connection} (one per request) plus the identity of {@code receive}: a
 * middleware that substitutes its own {@code receive} gets a body state of its own. Entries are dropped, and
 * unmoved upload temp files deleted, when the request completes or the client disconnects. As a fallback for
 * a connection state that never reports either, the registry holds requests weakly and a {@link Cleaner}
 * deletes the temp files of a body state that became unreachable.
 */
final class SharedBody {

    private static final Map<ConnectionState, List<SharedBody>> BY_REQUEST = new WeakHashMap<>();
    private static final Cleaner CLEANER = Cleaner.create();

    final Receive receive;
    final BodyReader reader;
    final TempFiles temps = new TempFiles();
    private CompletionStage<MultipartForm> form;

    private SharedBody(Receive receive) {
        this.receive = receive;
        this.reader = new BodyReader(receive);
        TempFiles files = temps;
        CLEANER.register(this, files::endRequest);
    }

    static SharedBody of(HttpScope scope, Receive receive) {
        ConnectionState connection = scope.connection();
        SharedBody fresh;
        boolean first;
        synchronized (BY_REQUEST) {
            List<SharedBody> known = BY_REQUEST.get(connection);
            if (known != null) {
                for (SharedBody body : known) {
                    if (body.receive == receive) {
                        return body;
                    }
                }
            }
            first = known == null;
            if (first) {
                known = new ArrayList<>(1);
                BY_REQUEST.put(connection, known);
            }
            fresh = new SharedBody(receive);
            known.add(fresh);
        }
        if (first) {
            // Outside the lock: a callback registered after the fact runs at once.
            connection.onComplete(() -> end(connection));
            connection.onDisconnect(reason -> end(connection));
        }
        return fresh;
    }

    private static void end(ConnectionState connection) {
        List<SharedBody> bodies;
        synchronized (BY_REQUEST) {
            bodies = BY_REQUEST.remove(connection);
        }
        if (bodies != null) {
            bodies.forEach(b -> b.temps.endRequest());
        }
    }

    /** The multipart form of this body, read by {@code read} the first time and shared after. */
    synchronized CompletionStage<MultipartForm> form(java.util.function.Supplier<CompletionStage<MultipartForm>> read) {
        if (form == null) {
            form = read.get();
        }
        return form;
    }
}
