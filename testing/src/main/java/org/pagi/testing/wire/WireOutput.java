package org.pagi.testing.wire;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.pagi.protocol.exchange.Exchange;
import org.pagi.protocol.exchange.ExchangeOutput;
import org.pagi.protocol.exchange.Http1Connection;
import org.pagi.spec.Application;
import org.pagi.spec.RequestScope;
import org.pagi.spec.server.InboundQueue;

/**
 * The in-memory transport of one {@link WireConnection}: what the {@link Http1Connection} writes goes to the
 * test's {@link ServerBytes}, every write counts as flushed at once, and the application runs on a virtual thread
 * whose sends hop onto the connection's loop, as a server's do.
 *
 * <p>Called on the loop only (the {@link ExchangeOutput} contract), except for the application's own thread,
 * which touches the connection only through {@code loop}.
 */
final class WireOutput implements ExchangeOutput {
    private static final System.Logger LOG = System.getLogger(WireOutput.class.getName());

    private final Application app;
    private final Executor loop;
    private final ServerBytes bytes;
    private Http1Connection http;

    WireOutput(Application app, Executor loop, ServerBytes bytes) {
        this.app = app;
        this.loop = loop;
        this.bytes = bytes;
    }

    /** Names the connection this transport serves; called on the loop right after constructing it. */
    void attach(Http1Connection connection) {
        this.http = connection;
    }

    @Override
    public void write(ByteBuffer[] buffers, Runnable onFlushed) {
        bytes.write(ServerBytes.concat(buffers));
        onFlushed.run();
    }

    @Override
    public void startApplication(RequestScope scope, InboundQueue inbound, Exchange exchange) {
        Thread.ofVirtual().name("pagi-wire-app").start(() -> {
            CompletionStage<Void> stage;
            try {
                stage = app.call(scope, inbound::receive, event -> {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    loop.execute(() -> http.send(exchange, event).whenComplete((v, t) -> {
                        if (t == null) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(t);
                        }
                    }));
                    return done;
                });
            } catch (Throwable t) {
                loop.execute(() -> http.applicationFinished(exchange, t));
                return;
            }
            stage.whenComplete((v, t) -> loop.execute(() -> http.applicationFinished(exchange,
                    t instanceof CompletionException c && c.getCause() != null ? c.getCause() : t)));
        });
    }

    @Override
    public void later(Runnable task) {
        loop.execute(task);
    }

    @Override
    public void pauseReading() {
        // the test decides when to send; nothing to pause
    }

    @Override
    public void resumeReading() {
        // see pauseReading
    }

    @Override
    public void close(boolean abort) {
        bytes.close();
    }

    @Override
    public void completed(Exchange exchange) {
        // no access log in tests
    }

    @Override
    public void problem(String message, Throwable cause) {
        LOG.log(System.Logger.Level.WARNING, message, cause);
    }
}
