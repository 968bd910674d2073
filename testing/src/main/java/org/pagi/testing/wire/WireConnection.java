package org.pagi.testing.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.pagi.protocol.exchange.Http1Connection;
import org.pagi.protocol.http1.Http1Writer;
import org.pagi.protocol.websocket.WebSocketHandshake;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.testing.PagiTestTimeoutException;

/**
 * One connection of the {@link WireClient}: raw bytes in, raw bytes out, through the server's own
 * {@link Http1Connection}, with no socket. The connection's thread is a single-thread scheduler standing in for a
 * selector loop: it carries every call into the connection and, every {@value #TICK_MILLIS} ms, the connection's
 * {@link Http1Connection#tick()}, so keepalive pings and comments and the WebSocket timeouts run as on a server.
 * The application runs on virtual threads.
 *
 * <p>Besides raw HTTP ({@link #send}, {@link #read}), a connection can carry one WebSocket ({@link #websocket}) or
 * event stream ({@link #sse}), read with the production codecs. All responses are read with one client-role parser,
 * so bytes it holds beyond a {@code 101} head go to the WebSocket, not lost.
 *
 * <p>Used from one test thread.
 */
public final class WireConnection implements AutoCloseable {
    /** How often the connection's timers run: often enough for keepalive intervals of a tenth of a second. */
    static final long TICK_MILLIS = 50;

    private static final System.Logger LOG = System.getLogger(WireConnection.class.getName());
    /** The {@code host} of the requests this client builds, as the in-process {@code TestClient}'s default. */
    private static final String HOST = "testserver";

    private final ScheduledExecutorService loop;
    private final Duration timeout;
    private final ServerBytes output = new ServerBytes();
    private final ResponseStream responses;
    private final Http1Connection http;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private volatile ScheduledFuture<?> ticker;
    private boolean upgraded;

    WireConnection(WireClient client, ScheduledExecutorService loop) {
        this.loop = loop;
        this.timeout = client.timeout();
        this.responses = new ResponseStream(output, timeout);
        WireOutput out = new WireOutput(client.app(), loop, output);
        this.http = onLoop(() -> {
            Http1Connection c = new Http1Connection(client.settings(), client.connectionInfo(), out,
                    UnaryOperator.identity());
            out.attach(c);
            return c;
        });
        this.ticker = loop.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
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
        requireHttp();
        return responses.read(method, keepInterim);
    }

    /** @return whether the server closed the connection, waiting up to the timeout for it */
    public boolean awaitClosed() {
        requireHttp();
        return responses.awaitClosed(ServerBytes.deadline(timeout));
    }

    /** A WebSocket handshake with no subprotocol and no permessage-deflate offer; see the full form. */
    public WireWebSocket websocket(String target) {
        return websocket(target, List.of(), false, Headers.empty());
    }

    /** A WebSocket handshake offering {@code subprotocols}, without permessage-deflate; see the full form. */
    public WireWebSocket websocket(String target, List<String> subprotocols) {
        return websocket(target, subprotocols, false, Headers.empty());
    }

    /** A WebSocket handshake with no extra headers; see the full form. */
    public WireWebSocket websocket(String target, List<String> subprotocols, boolean offerDeflate) {
        return websocket(target, subprotocols, offerDeflate, Headers.empty());
    }

    /**
     * Sends a WebSocket handshake (built by {@link WebSocketHandshake#request}, with a fresh key) and reads the
     * answer. From then on the connection carries frames, through the returned {@link WireWebSocket}.
     *
     * @param target       the request target, such as {@code /chat?room=1}
     * @param subprotocols the subprotocols to offer, in preference order
     * @param offerDeflate whether to offer permessage-deflate with its default parameters
     * @param extraHeaders more request headers, such as {@code origin} or {@code cookie}
     * @return the open WebSocket
     * @throws WireRefusedException when the server answered with another status than {@code 101}
     * @throws AssertionError when its {@code 101} fails a check a client makes (RFC 6455 section 4.1)
     */
    public WireWebSocket websocket(String target, List<String> subprotocols, boolean offerDeflate,
            Headers extraHeaders) {
        requireHttp();
        String key = WebSocketHandshake.newKey(random);
        send(WebSocketHandshake.request(HOST, target, key, subprotocols, offerDeflate, extraHeaders));
        WebSocketUpgrade.Offer offer = new WebSocketUpgrade.Offer(key, subprotocols, offerDeflate);
        WireWebSocket ws = WebSocketUpgrade.answer(responses, output, toServer(), offer, timeout, random);
        upgraded = true;
        return ws;
    }

    /** An event-stream request with no extra headers; see the full form. */
    public WireSseStream sse(String target) {
        return sse(target, Headers.empty());
    }

    /**
     * Sends {@code GET target} with {@code accept: text/event-stream} and reads the response head.
     *
     * @param extraHeaders more request headers, such as {@code last-event-id}
     * @return the open stream, whose events are read as they arrive
     * @throws WireRefusedException with the whole response when it is not a {@code 200} of type
     *                              {@code text/event-stream} (a declined stream, an error)
     */
    public WireSseStream sse(String target, Headers extraHeaders) {
        requireHttp();
        Headers headers = Headers.builder().add("host", HOST).add("accept", "text/event-stream")
                .addAll(extraHeaders).build();
        send(Http1Writer.requestHead("GET", Bytes.ascii(target), headers));
        return WireSseStream.answer(responses, toServer(), timeout);
    }

    /** Shuts the connection down as a stopping server would: at once when idle, else after the current exchange. */
    @Override
    public void close() {
        onLoop(() -> {
            http.shutdown();
            return null;
        });
    }

    private ToServer toServer() {
        return new ToServer() {
            @Override
            public void send(byte[] bytes) {
                WireConnection.this.send(bytes);
            }

            @Override
            public void fin() {
                closeInput();
            }
        };
    }

    /** Runs the connection's timers; stops once the connection is closed. */
    private void tick() {
        try {
            if (http.phase() == Http1Connection.Phase.CLOSED) {
                ScheduledFuture<?> t = ticker;
                if (t != null) {
                    t.cancel(false);
                }
                return;
            }
            http.tick();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a timer of the wire connection failed", e);
        }
    }

    private void requireHttp() {
        if (upgraded) {
            throw new IllegalStateException("this connection was upgraded to a WebSocket; use its WireWebSocket");
        }
    }

    private <T> T onLoop(Callable<T> task) {
        try {
            return loop.submit(task).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new PagiTestTimeoutException("the connection's thread did not answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PagiTestTimeoutException("interrupted");
        }
    }
}
