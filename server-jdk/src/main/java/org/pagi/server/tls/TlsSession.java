package org.pagi.server.tls;

import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.pagi.spec.TlsInfo;

/**
 * One TLS connection as a layer from bytes to bytes over an {@link SSLEngine}: records from the network go into
 * {@link #unwrap} and come out as application bytes; application bytes go into {@link #wrap} and come out as
 * records. It knows no sockets, threads or HTTP, so two sessions (a server's and a client's) can be tested back to
 * back.
 *
 * <h2>Theory of operation</h2>
 * <pre>
 *   HANDSHAKING --handshake finished--> ESTABLISHED --close_notify either way, or a failure--> closed
 * </pre>
 * The driver repeats these steps until none applies, then waits for the network:
 * <ol>
 *   <li>{@link #needsTasks()}: call {@link #runTasks()} away from the I/O thread (the engine's delegated tasks
 *       check certificates and sign: milliseconds of CPU), then come back;</li>
 *   <li>{@link #wantsWrap()}: call {@code wrap} with no application bytes and send what it wrote: handshake
 *       messages, an alert, {@code close_notify}, the answer to a TLS 1.3 {@code KeyUpdate};</li>
 *   <li>{@link #unwrap}: hand the application bytes it produced to the protocol above.</li>
 * </ol>
 * {@link #established()} turns true once, when the handshake is done; from then on {@code wrap} takes
 * application bytes.
 *
 * <p>The tricky cases. {@code unwrap} takes all the bytes it is given: what it cannot decrypt yet (half a record;
 * records behind a handshake step that needs a wrap or a task first; more than fits the output) it keeps, in a
 * pooled buffer held only while it holds bytes ({@link #hasBufferedInput()}). Renegotiation is refused (a
 * {@link TlsException}): in TLS 1.2 a handshake record after the handshake can only start one (RFC 5746), so it is
 * refused before the engine reads it; TLS 1.3 has none, and its post-handshake messages travel as encrypted
 * application records that the engine handles.
 *
 * <p>Not thread-safe: one thread at a time (the connection's lock); {@link #runTasks()} may run on another thread
 * while the driver waits for it.
 *
 * <p>The file is a little over 400 lines on purpose: the handshake, wrap, unwrap and close paths of one
 * {@code SSLEngine} share its buffers and status handling, and read better side by side.
 */
public final class TlsSession {
    private static final ByteBuffer[] NOTHING = new ByteBuffer[0];
    /** The content type of a handshake record (RFC 8446 section 5.1; RFC 5246 section 6.2.1). */
    private static final byte HANDSHAKE_RECORD = 22;

    private final SSLEngine engine;
    private final BufferPool buffers;
    private final Function<Certificate, String> pem;
    private final int packetSize;
    private final int applicationSize;
    private ByteBuffer kept;
    private boolean established;
    private boolean tls13;
    private boolean handshakeSeen;
    private boolean inboundDone;
    private TlsInfo info;
    private String serverName;

    TlsSession(SSLEngine engine, TlsContext context) {
        this(engine, context.buffers(), context::serverCertificatePem);
    }

    private TlsSession(SSLEngine engine, BufferPool buffers, Function<Certificate, String> pem) {
        this.engine = engine;
        this.buffers = buffers;
        this.pem = pem;
        SSLSession s = engine.getSession();
        this.packetSize = s.getPacketBufferSize();
        this.applicationSize = s.getApplicationBufferSize();
        if (buffers.size() < Math.max(packetSize, applicationSize)) {
            throw new IllegalArgumentException("buffers of " + buffers.size() + " bytes cannot hold a record");
        }
    }

    /**
     * A session over an engine set up elsewhere, in either mode: for clients in tests. A client's handshake
     * begins at once ({@link #wantsWrap()} is true: the ClientHello).
     */
    static TlsSession over(SSLEngine engine, BufferPool buffers) throws TlsException {
        TlsSession s = new TlsSession(engine, buffers, TlsSession::pemOf);
        if (engine.getUseClientMode()) {
            try {
                engine.beginHandshake();
            } catch (SSLException e) {
                throw new TlsException("the handshake cannot begin: " + e.getMessage(), e);
            }
        }
        return s;
    }

    /**
     * Decrypts records from {@code net} into {@code app}, and keeps whatever it cannot decrypt yet: on return
     * {@code net} has no bytes left. Stops early when a task or a wrap must come first, when {@code app} has no room
     * for another record, or when the peer closed ({@link #inboundDone()}).
     *
     * @param net the bytes read from the network; consumed
     * @param app where application bytes go, in write mode
     * @throws TlsException when the peer breaks TLS: a bad handshake, a record that does not decrypt, bytes that
     *                      are not TLS, a renegotiation. {@link #wantsWrap()} then says whether an alert waits.
     */
    public void unwrap(ByteBuffer net, ByteBuffer app) throws TlsException {
        ByteBuffer src = net;
        if (hasBufferedInput()) {
            hold(net);
            src = kept;
        }
        int start = app.position();
        try {
            while (src.hasRemaining() && !inboundDone && !needsTasks() && !wantsWrap()
                    && app.remaining() >= applicationSize) {
                refuseNonTls(src);
                refuseRenegotiation(src);
                SSLEngineResult r = engine.unwrap(src, app);
                after(r);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    inboundDone = true;
                } else if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW && app.position() == start) {
                    throw new TlsException("a record larger than " + app.remaining() + " bytes");
                } else if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                    break; // half a record: the rest is still on its way
                }
            }
        } catch (SSLException e) {
            throw new TlsException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw engineFailed(e);
        } finally {
            if (src == net) {
                hold(net);
            } else {
                releaseIfEmpty();
            }
        }
    }

    /**
     * Keeps {@code net} without decrypting it, for a driver that cannot take application bytes now (its reader
     * paused); the next {@link #unwrap} starts with them.
     */
    public void hold(ByteBuffer net) {
        int n = net.remaining();
        if (n == 0) {
            return;
        }
        if (kept == null) {
            kept = n <= buffers.size() ? buffers.take() : ByteBuffer.allocate(n);
            kept.flip();
        }
        if (kept.capacity() - kept.remaining() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(kept.remaining() + n);
            bigger.put(kept);
            buffers.give(kept);
            kept = bigger;
        } else {
            kept.compact();
        }
        kept.put(net);
        kept.flip();
    }

    private void releaseIfEmpty() {
        if (kept != null && !kept.hasRemaining()) {
            buffers.give(kept);
            kept = null;
        }
    }

    /**
     * A client that speaks anything but TLS (plain HTTP to the TLS port) gets no alert, which it could not read
     * anyway: the engine never sees its bytes, and the connection just closes. A TLS client's first record is a
     * handshake record; the SSLv2-compatible hello is not accepted (RFC 8996 retired everything before TLS 1.2).
     */
    private void refuseNonTls(ByteBuffer src) throws TlsException {
        if (!handshakeSeen && !established && src.get(src.position()) != HANDSHAKE_RECORD) {
            throw new TlsException("not TLS: the first byte is 0x" + Integer.toHexString(src.get(src.position()) & 0xFF)
                    + ", not a handshake record");
        }
    }

    private void refuseRenegotiation(ByteBuffer src) throws TlsException {
        if (established && !tls13 && src.get(src.position()) == HANDSHAKE_RECORD) {
            throw new TlsException("the client tried to renegotiate; refused");
        }
    }

    private void after(SSLEngineResult r) throws TlsException {
        HandshakeStatus hs = r.getHandshakeStatus();
        if (hs == HandshakeStatus.FINISHED) {
            markEstablished();
        } else if (hs != HandshakeStatus.NOT_HANDSHAKING) {
            if (established && hs == HandshakeStatus.NEED_TASK) {
                throw new TlsException("the client tried to renegotiate; refused");
            }
            handshakeSeen = true;
        } else if (handshakeSeen && !established && !engine.isInboundDone() && !engine.isOutboundDone()) {
            markEstablished(); // an engine that finished without saying FINISHED
        }
    }

    private void markEstablished() {
        established = true;
        tls13 = "TLSv1.3".equals(engine.getSession().getProtocol());
    }

    /**
     * Encrypts application bytes from {@code app} into records in {@code net}, preceded by any handshake message,
     * alert or {@code close_notify} the engine has waiting; with no application bytes, writes only those.
     *
     * @param net where records go, in write mode; filled while it has room for a whole record
     * @return how many application bytes were consumed
     * @throws TlsException when the engine fails, or application bytes come before the handshake finished or
     *                      after the connection closed
     */
    public long wrap(ByteBuffer[] app, int offset, int length, ByteBuffer net) throws TlsException {
        boolean data = remaining(app, offset, length) > 0;
        if (data && !established) {
            throw new TlsException("application data before the handshake finished");
        }
        long consumed = 0;
        try {
            while (net.remaining() >= packetSize) {
                SSLEngineResult r = engine.wrap(app, offset, length, net);
                after(r);
                consumed += r.bytesConsumed();
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    if (data && consumed == 0 && r.bytesProduced() == 0) {
                        throw new TlsException("the TLS connection is closed");
                    }
                    break;
                }
                if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesProduced() == 0 || needsTasks()) {
                    break;
                }
                if (remaining(app, offset, length) == 0 && !wantsWrap()) {
                    break;
                }
            }
        } catch (SSLException e) {
            throw new TlsException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw engineFailed(e);
        }
        return consumed;
    }

    /**
     * The JDK's engine reports what it cannot handle as {@code SSLException}; anything else it throws is a failure of
     * this one connection all the same, never of the loop that drives it.
     */
    private static TlsException engineFailed(RuntimeException e) {
        return new TlsException("the TLS engine failed: " + e, e);
    }

    /** Writes what the engine has waiting (handshake, alert, {@code close_notify}) into {@code net}. */
    public void wrapPending(ByteBuffer net) throws TlsException {
        wrap(NOTHING, 0, 0, net);
    }

    private static long remaining(ByteBuffer[] buffers, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += buffers[i].remaining();
        }
        return n;
    }

    /** @return the pool its buffers come from, which the driver shares for its own */
    public BufferPool buffers() {
        return buffers;
    }

    /** @return whether the engine has delegated tasks to run before anything else can happen */
    public boolean needsTasks() {
        return engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK;
    }

    /** Runs the engine's delegated tasks on the calling thread: call it away from the I/O thread. */
    public void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** @return whether the engine has records to send before it can read on */
    public boolean wantsWrap() {
        return engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
    }

    /** @return whether undecrypted bytes wait from an earlier {@link #unwrap} or {@link #hold} */
    public boolean hasBufferedInput() {
        return kept != null && kept.hasRemaining();
    }

    /** @return whether the handshake has finished */
    public boolean established() {
        return established;
    }

    /** @return whether the peer sent {@code close_notify}: no more application bytes will come */
    public boolean inboundDone() {
        return inboundDone;
    }

    /** Starts closing: the next wraps write {@code close_notify}, and no more application bytes go out. */
    public void closeOutbound() {
        engine.closeOutbound();
    }

    /** @return whether {@code close_notify} (or a fatal alert) has been written */
    public boolean outboundDone() {
        return engine.isOutboundDone();
    }

    /**
     * The transport reached its end. Without the peer's {@code close_notify} that is a truncation (RFC 8446
     * section 6.1), which HTTP/1.1 tolerates after a complete message: it is not an error here.
     */
    public void closeInbound() {
        inboundDone = true;
        try {
            engine.closeInbound();
        } catch (SSLException e) {
            // no close_notify came first; the connection is over either way
        }
    }

    /** Gives back the buffer it holds; the session is finished. */
    public void release() {
        if (kept != null) {
            buffers.give(kept);
            kept = null;
        }
    }

    /**
     * @return the facts of the {@code tls} scope extension: the server certificate, the client's chain and subject,
     *         the version and the cipher suite as numbers. {@code clientCertError} is always empty: a client
     *         certificate that does not verify ends the handshake instead.
     */
    public TlsInfo info() {
        if (info == null) {
            info = readInfo(engine.getSession());
        }
        return info;
    }

    private TlsInfo readInfo(SSLSession s) {
        Certificate[] local = s.getLocalCertificates();
        Optional<String> server = local == null || local.length == 0 ? Optional.empty()
                : Optional.of(pem.apply(local[0])).filter(p -> !p.isEmpty());
        List<String> chain = new ArrayList<>();
        Optional<String> name = Optional.empty();
        try {
            Certificate[] peer = s.getPeerCertificates();
            for (Certificate c : peer) {
                chain.add(pemOf(c));
            }
            if (peer.length > 0 && peer[0] instanceof X509Certificate x) {
                name = Optional.of(KeyMaterial.subject(x));
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate
        }
        return new TlsInfo(server, chain, name, Optional.empty(), TlsNumbers.version(s.getProtocol()),
                TlsNumbers.cipherSuite(s.getCipherSuite()));
    }

    private static String pemOf(Certificate c) {
        try {
            return Pem.encode("CERTIFICATE", c.getEncoded());
        } catch (CertificateEncodingException e) {
            return "";
        }
    }

    /** @return the host name the client asked for (SNI, RFC 6066 section 3), if it sent one */
    public Optional<String> serverName() {
        return Optional.ofNullable(serverName);
    }

    /** The server's SNI matcher saw the name the client asked for. */
    void serverNameIs(String name) {
        serverName = name;
    }

    /** @return the protocol ALPN chose ({@code http/1.1}), if the client offered ALPN */
    public Optional<String> applicationProtocol() {
        String p = engine.getApplicationProtocol();
        return p == null || p.isEmpty() ? Optional.empty() : Optional.of(p);
    }

    /** @return the negotiated version's JDK name ({@code TLSv1.3}) */
    public String protocol() {
        return engine.getSession().getProtocol();
    }

    /** @return the negotiated cipher suite's name */
    public String cipherSuite() {
        return engine.getSession().getCipherSuite();
    }
}
