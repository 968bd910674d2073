package org.pagi.wrappers.endpoint;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.sse.BlockingSse;
import org.pagi.wrappers.sse.Sse;

/**
 * An SSE endpoint in the blocking mode: each stream runs on its own virtual thread, and the hooks take the
 * {@link BlockingSse} view and may wait. The rules are those of {@link SseEndpoint}: {@link #onConnect} starts
 * the stream by default (and it is started after it when it was neither started, declined nor closed), a
 * positive {@link #keepaliveInterval()} asks the server for keepalive comments, and {@link #onDisconnect} runs
 * exactly once when the stream ends (not after a decline), on the stream's own thread.
 */
public abstract class BlockingSseEndpoint implements Application {

    private final Application app = Blocking.app(this::run);

    /** For subclasses. */
    protected BlockingSseEndpoint() {
    }

    /** Starts the stream (the default) and may send, or declines it; it may block. */
    protected void onConnect(BlockingSse sse) throws Exception {
        sse.start();
    }

    /** @return how often the server writes a keepalive comment; zero (the default) for never */
    protected Duration keepaliveInterval() {
        return Duration.ZERO;
    }

    /** Runs once when a stream ends: the client's reason, or empty when it was closed here. */
    protected void onDisconnect(BlockingSse sse, Optional<DisconnectReason> reason) throws Exception {
    }

    @Override
    public final CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }

    private void run(Scope scope, Receive receive, Send send) throws Exception {
        Duration keepalive = StreamWatch.checkedInterval(keepaliveInterval());
        StreamWatch watch = new StreamWatch(send);
        BlockingSse sse = Sse.of(Adapt.sseScope(scope), receive, watch).blocking();
        try {
            onConnect(sse);
        } catch (RuntimeException failure) {
            if (!StreamWatch.clientLeft(failure)) {
                throw failure;
            }
        }
        Blocking.await(watch.stream(sse.sse(), keepalive));
        StreamWatch.End end = Blocking.await(watch.end(sse.sse()));
        if (!end.declined()) {
            onDisconnect(sse, end.reason());
        }
    }
}
