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
import org.pagi.protocol.http1.Http1Event;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.protocol.http1.Http1Parser;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
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
    private final Http1Parser reader = new Http1Parser(Http1Parser.Role.CLIENT, Http1Limits.defaults().withMaxBodyBytes(0));
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
        reader.expectResponseTo(method);
        Http1Event.Response head = null;
        Bytes body = Bytes.empty();
        while (true) {
            Http1Event e;
            try {
                e = reader.next();
            } catch (ProtocolException pe) {
                throw new AssertionError("the server wrote malformed HTTP: " + pe.getMessage(), pe);
            }
            switch (e) {
                case Http1Event.Response r -> {
                    head = r;
                    body = Bytes.empty();
                }
                case Http1Event.Data d -> body = body.concat(d.data());
                case Http1Event.EndOfMessage end -> {
                    if (head.status() >= 200 || keepInterim) {
                        return new WireResponse(head.status(), head.headers(), body, end.trailers(), head.keepAlive());
                    }
                }
                case Http1Event.Paused p -> reader.nextMessage();
                case Http1Event.NeedData n -> fill();
                case Http1Event.ConnectionClosed c -> throw new AssertionError("the server closed the connection");
                default -> throw new AssertionError("unexpected " + e);
            }
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

    private void fill() {
        Object o;
        try {
            o = closed ? null : output.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PagiTestTimeoutException("interrupted while waiting for the response");
        }
        if (o == null && !closed) {
            throw new PagiTestTimeoutException("no response bytes within " + timeout);
        }
        if (o == CLOSED || o == null) {
            closed = true;
            reader.feedEof();
        } else {
            byte[] b = (byte[]) o;
            reader.feed(b, 0, b.length);
        }
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
        public void write(byte[] bytes, Runnable onFlushed) {
            output.add(bytes);
            onFlushed.run();
        }

        @Override
        public void startApplication(HttpScope scope, InboundQueue inbound, Exchange exchange) {
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
