package org.pagi.server.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A TLS client over a blocking socket, made of a JDK client engine driven by {@link TlsSession}: it can see what
 * the JDK's own clients hide, such as whether the server's {@code close_notify} came before the TCP close, and it
 * can misbehave (renegotiate). Every read is bounded by a timeout. Used from one test thread.
 */
public final class TlsTestClient implements AutoCloseable {
    /** How a connection ended, as {@link #readToEnd()} saw it. */
    public record Ending(String text, boolean closeNotify) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SSLEngine engine;
    private final TlsSession session;
    private final BufferPool pool;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private TlsTestClient(Socket socket, SSLEngine engine) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.engine = engine;
        this.pool = new BufferPool(Math.max(engine.getSession().getPacketBufferSize(),
                engine.getSession().getApplicationBufferSize()), 8);
        this.session = TlsSession.over(engine, pool);
    }

    /** @return a client connected to {@code 127.0.0.1:port}, its handshake done */
    public static TlsTestClient connect(int port, SSLContext context, String... protocols) throws IOException {
        SSLEngine engine = context.createSSLEngine("localhost", port);
        engine.setUseClientMode(true);
        SSLParameters p = context.getDefaultSSLParameters();
        if (protocols.length > 0) {
            p.setProtocols(protocols);
        }
        engine.setSSLParameters(p);
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(5000);
        TlsTestClient c = new TlsTestClient(s, engine);
        c.pumpUntil(() -> c.session.established());
        return c;
    }

    /** @return the engine, to look at the session or to misbehave */
    public SSLEngine engine() {
        return engine;
    }

    /** Encrypts and sends {@code text}. */
    public void send(String text) throws IOException {
        ByteBuffer[] src = {ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1))};
        while (src[0].hasRemaining()) {
            ByteBuffer net = pool.take();
            session.wrap(src, 0, 1, net);
            net.flip();
            out.write(bytes(net));
        }
    }

    /** Starts a renegotiation (TLS 1.2) and sends the new ClientHello. */
    public void renegotiate() throws IOException {
        engine.beginHandshake();
        flushWraps();
    }

    /**
     * Reads until the application bytes received so far contain {@code marker}.
     *
     * @return everything received so far
     * @throws SocketTimeoutException when it does not come in time
     */
    public String readUntil(String marker) throws IOException {
        byte[] buf = new byte[32 * 1024];
        while (!received.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no '" + marker + "' within the timeout; got: "
                        + received.toString(StandardCharsets.ISO_8859_1));
            }
            if (n < 0) {
                throw new java.io.EOFException("closed before '" + marker + "' came");
            }
            unwrap(ByteBuffer.wrap(buf, 0, n));
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads until the server closes the TCP connection.
     *
     * @return the application bytes, and whether {@code close_notify} came before the end
     * @throws SocketTimeoutException when the server keeps the connection open too long
     */
    public Ending readToEnd() throws IOException {
        boolean closeNotify = false;
        byte[] buf = new byte[32 * 1024];
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (java.net.SocketException e) {
                n = -1; // a reset counts as the end here; closeNotify tells the two apart
            }
            if (n < 0) {
                return new Ending(received.toString(StandardCharsets.ISO_8859_1), closeNotify);
            }
            unwrap(ByteBuffer.wrap(buf, 0, n));
            closeNotify |= session.inboundDone();
        }
    }

    private void pumpUntil(java.util.function.BooleanSupplier done) throws IOException {
        byte[] buf = new byte[32 * 1024];
        while (!done.getAsBoolean()) {
            if (session.needsTasks()) {
                session.runTasks();
                continue;
            }
            if (session.wantsWrap()) {
                flushWraps();
                continue;
            }
            int n = in.read(buf);
            if (n < 0) {
                throw new java.io.EOFException("the server closed during the handshake");
            }
            unwrap(ByteBuffer.wrap(buf, 0, n));
        }
        flushWraps();
    }

    private void flushWraps() throws IOException {
        while (session.wantsWrap() || session.needsTasks()) {
            if (session.needsTasks()) {
                session.runTasks();
                continue;
            }
            ByteBuffer net = pool.take();
            session.wrapPending(net);
            net.flip();
            if (!net.hasRemaining()) {
                return;
            }
            out.write(bytes(net));
        }
    }

    private void unwrap(ByteBuffer net) throws IOException {
        while (true) {
            ByteBuffer app = ByteBuffer.allocate(pool.size());
            session.unwrap(net, app);
            app.flip();
            boolean produced = app.hasRemaining();
            received.writeBytes(bytes(app));
            net = ByteBuffer.allocate(0);
            boolean stepped = session.needsTasks() || session.wantsWrap();
            if (stepped) {
                flushWraps();
            }
            if (!session.hasBufferedInput() || session.inboundDone() || !produced && !stepped) {
                return;
            }
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
