package org.pagi.server.tls;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A client session and a server session back to back, as h11's {@code ConnectionPair}: what one side wraps, the
 * other unwraps, fed in pieces of {@link #chunk} bytes; tasks run inline. No sockets, no threads.
 */
final class SessionPair {
    final SSLEngine clientEngine;
    final TlsSession client;
    final TlsSession server;
    final BufferPool pool;
    final ByteArrayOutputStream clientReceived = new ByteArrayOutputStream();
    final ByteArrayOutputStream serverReceived = new ByteArrayOutputStream();
    private final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream toClient = new ByteArrayOutputStream();
    /** How many network bytes each unwrap gets at most. */
    int chunk = Integer.MAX_VALUE;

    private SessionPair(SSLEngine clientEngine, TlsSession client, TlsSession server, BufferPool pool) {
        this.clientEngine = clientEngine;
        this.client = client;
        this.server = server;
        this.pool = pool;
    }

    /** @return a pair of a fresh server session of {@code context} and a client of {@code clientContext} */
    static SessionPair of(TlsContext context, SSLContext clientContext, SSLParameters clientParameters)
            throws TlsException {
        SSLEngine engine = clientContext.createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        engine.setSSLParameters(clientParameters);
        return new SessionPair(engine, TlsSession.over(engine, context.buffers()), context.newSession(),
                context.buffers());
    }

    /** @return the client's default parameters, with {@code protocols} when given */
    static SSLParameters clientParameters(SSLContext clientContext, String... protocols) {
        SSLParameters p = clientContext.getDefaultSSLParameters();
        if (protocols.length > 0) {
            p.setProtocols(protocols);
        }
        return p;
    }

    /** Moves bytes both ways until neither side has anything to do. */
    void settle() throws TlsException {
        for (int round = 0; round < 10_000; round++) {
            boolean moved = step(client, toServer, toClient, clientReceived);
            moved |= step(server, toClient, toServer, serverReceived);
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("the sessions never settled");
    }

    private boolean step(TlsSession self, ByteArrayOutputStream out, ByteArrayOutputStream in,
            ByteArrayOutputStream app) throws TlsException {
        boolean moved = false;
        if (self.needsTasks()) {
            self.runTasks();
            moved = true;
        }
        while (self.wantsWrap()) {
            ByteBuffer net = pool.take();
            self.wrapPending(net);
            net.flip();
            if (!net.hasRemaining()) {
                break;
            }
            write(net, out);
            moved = true;
        }
        byte[] bytes = in.toByteArray();
        in.reset();
        for (int pos = 0; pos < bytes.length; pos += chunk) {
            unwrapAll(self, ByteBuffer.wrap(bytes, pos, Math.min(chunk, bytes.length - pos)), app);
            moved = true;
        }
        if (bytes.length == 0 && self.hasBufferedInput() && !self.needsTasks() && !self.wantsWrap()) {
            moved |= unwrapAll(self, ByteBuffer.allocate(0), app);
        }
        return moved;
    }

    /** @return whether application bytes came out */
    private boolean unwrapAll(TlsSession self, ByteBuffer net, ByteArrayOutputStream app) throws TlsException {
        boolean any = false;
        while (true) {
            ByteBuffer plain = ByteBuffer.allocate(pool.size());
            self.unwrap(net, plain);
            plain.flip();
            if (!plain.hasRemaining()) {
                return any;
            }
            any = true;
            write(plain, app);
            if (!self.hasBufferedInput() || self.needsTasks() || self.wantsWrap()) {
                return true;
            }
        }
    }

    /** Wraps all of {@code data} on {@code from}'s side and puts the records on the wire. */
    void send(TlsSession from, byte[] data) throws TlsException {
        ByteBuffer[] src = {ByteBuffer.wrap(data)};
        ByteArrayOutputStream out = from == client ? toServer : toClient;
        while (src[0].hasRemaining()) {
            ByteBuffer net = pool.take();
            long n = from.wrap(src, 0, 1, net);
            net.flip();
            if (n == 0 && !net.hasRemaining()) {
                throw new AssertionError("wrap made no progress");
            }
            write(net, out);
        }
    }

    /** Puts raw bytes on the wire to the server, as a client that is not a TLS engine would. */
    void rawToServer(byte[] bytes) {
        toServer.writeBytes(bytes);
    }

    private void write(ByteBuffer net, ByteArrayOutputStream out) {
        byte[] b = new byte[net.remaining()];
        net.get(b);
        out.writeBytes(b);
        if (net.isDirect() && net.capacity() == pool.size()) {
            pool.give(net);
        }
    }
}
