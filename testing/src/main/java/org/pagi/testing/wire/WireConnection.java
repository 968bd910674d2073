package org.pagi.testing.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pagi.protocol.exchange.Exchange;
import org.pagi.protocol.exchange.ExchangeOutput;
import org.pagi.protocol.exchange.Http1Connection;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.protocol.http1.ResponseReader;
import org.pagi.spec.Application;
import org.pagi.spec.RequestScope;
import org.pagi.spec.server.InboundQueue;
import org.pagi.testing.PagiTestTimeoutException;

/**
 * One connection of the {@link WireClient}: raw bytes in, raw bytes out, through the server's own
 * {@link Http1Connection}, with no socket. The connection's thread is a single-thread executor standing in for a
 * selector loop; the application runs on virtual threads.
 *
 * <p>Used from one test thread.
 */
public final class WireConnection implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WireConnection.class.getName());
    private static final Object CLOSED = new Object();

    private final ExecutorService loop;
    private final Application app;
    private final Duration timeout;
    private final LinkedBlockingQueue<Object> output = new LinkedBlockingQueue<>();
    private final ResponseReader reader = new ResponseReader(this::next);
    private final Http1Connection http;
    private volatile boolean closed;

    WireConnection(WireClient client, ExecutorService loop) {
        this.loop = loop;
        this.app = client.app();
        this.timeout = client.timeout();
        Output out = new Output();
        this.http = onLoop(() -> new Http1Connection(client.settings(), client.connectionInfo(), out,
                java.util.function.UnaryOperator.identity()));
    }

    /** Sends raw bytes, as ISO-8859-1 text, to the server side. */
    public WireConnection send(String raw) {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends raw bytes to the server side. */
    public WireConnection send(byte[] raw) {
        onLoop(() -> {
            http.received(ByteBuffer.wrap(raw));
            return null;
        });
        return this;
    }

    /** Closes the client's side (a FIN): the server sees the end of its input. */
    public WireConnection closeInput() {
        onLoop(() -> {
            http.receivedEof();
            return null;
        });
        return this;
    }

    /** @return the next final response (1xx responses are skipped), waiting up to the client's timeout */
    public WireResponse read() {
        return read("GET", false);
    }

    /**
     * @param method       the method of the request it answers (HEAD responses have no body)
     * @param keepInterim  whether to return a 1xx response instead of skipping it
     */
    public WireResponse read(String method, boolean keepInterim) {
        try {
            ResponseReader.Response r = reader.read(method, keepInterim);
            return new WireResponse(r.status(), r.headers(), r.body(), r.trailers(), r.keepAlive());
        } catch (ProtocolException e) {
            throw new AssertionError("the server wrote malformed HTTP: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** @return whether the server closed the connection, waiting up to the timeout for it */
    public boolean awaitClosed() {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closed && System.nanoTime() < deadline) {
            Object o = output.poll();
            if (o == CLOSED) {
                closed = true;
            } else if (o == null) {
                sleep();
            }
        }
        return closed;
    }

    /** The reader's source: the next bytes the server wrote, or an empty array once it closed. */
    private byte[] next() {
        if (closed) {
            return new byte[0];
        }
        Object o;
        try {
            o = output.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PagiTestTimeoutException("interrupted while waiting for the response");
        }
        if (o == null) {
            throw new PagiTestTimeoutException("no response bytes within " + timeout);
        }
        if (o == CLOSED) {
            closed = true;
            return new byte[0];
        }
        return (byte[]) o;
    }

    @Override
    public void close() {
        onLoop(() -> {
            http.shutdown();
            return null;
        });
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> task) {
        try {
            return loop.submit(task).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new PagiTestTimeoutException("the connection's thread did not answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PagiTestTimeoutException("interrupted");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The in-memory transport: writes go to the test's queue, the application runs on virtual threads. */
    private final class Output implements ExchangeOutput {
        @Override
        public void write(ByteBuffer[] buffers, Runnable onFlushed) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (ByteBuffer b : buffers) {
                byte[] part = new byte[b.remaining()];
                b.get(part);
                all.writeBytes(part);
            }
            if (all.size() > 0) {
                output.add(all.toByteArray()); // an empty array would read as the end of the connection
            }
            onFlushed.run();
        }

        @Override
        public void startApplication(RequestScope scope, InboundQueue inbound, Exchange exchange) {
            Thread.ofVirtual().name("pagi-wire-app").start(() -> {
                java.util.concurrent.CompletionStage<Void> stage;
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
                        t instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : t)));
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
            output.add(CLOSED);
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
}
