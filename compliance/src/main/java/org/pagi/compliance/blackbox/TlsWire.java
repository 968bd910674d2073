package org.pagi.compliance.blackbox;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * What the TLS cases need below {@link javax.net.ssl.SSLSocket}: a ClientHello built as bytes (the JDK refuses to
 * offer TLS 1.0 and 1.1, RFC 8996, so a client of those versions is imitated by hand), the first record a server
 * answers with, and an exchange through an {@link SSLEngine}, which tells a {@code close_notify} apart from a bare
 * TCP close (an {@code SSLSocket} reports both as the end of the stream). Stateless.
 */
final class TlsWire {
    /** TLS record content types (RFC 8446 section 5.1). */
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    /** The handshake message type of a ServerHello (RFC 8446 section 4). */
    static final int SERVER_HELLO = 2;

    private static final Map<Integer, String> ALERTS = Map.ofEntries(Map.entry(0, "close_notify"),
            Map.entry(10, "unexpected_message"), Map.entry(20, "bad_record_mac"), Map.entry(22, "record_overflow"),
            Map.entry(40, "handshake_failure"), Map.entry(47, "illegal_parameter"), Map.entry(50, "decode_error"),
            Map.entry(51, "decrypt_error"), Map.entry(70, "protocol_version"), Map.entry(71, "insufficient_security"),
            Map.entry(80, "internal_error"), Map.entry(86, "inappropriate_fallback"), Map.entry(90, "user_canceled"),
            Map.entry(109, "missing_extension"), Map.entry(110, "unsupported_extension"),
            Map.entry(112, "unrecognized_name"), Map.entry(120, "no_application_protocol"));

    private TlsWire() {
    }

    /** @return the RFC 8446 name of alert {@code description}, with its number */
    static String alertName(int description) {
        return ALERTS.getOrDefault(description, "alert") + " (" + description + ")";
    }

    /** @return {@code 0x0302} as {@code TLS 1.1}, and so on */
    static String versionName(int version) {
        return switch (version) {
            case 0x0300 -> "SSL 3.0";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            default -> String.format(Locale.ROOT, "0x%04x", version);
        };
    }

    /**
     * A ClientHello record of a client whose highest version is {@code version} ({@code 0x0301} for TLS 1.0,
     * {@code 0x0302} for TLS 1.1, {@code 0x0303} for TLS 1.2): {@code legacy_version} set to it, no
     * {@code supported_versions} extension (so it cannot be read as TLS 1.3, RFC 8446 section 4.2.1), ECDHE and RSA
     * cipher suites of that version, the groups P-256, X25519 and P-384, signature algorithms from TLS 1.2 on, and
     * the host name as SNI when it is one.
     */
    static byte[] clientHello(int version, String host) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        if (isHostName(host)) {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream sni = new ByteArrayOutputStream();
            u16(sni, name.length + 3);
            sni.write(0); // host_name
            u16(sni, name.length);
            sni.writeBytes(name);
            extension(ext, 0x0000, sni.toByteArray());
        }
        extension(ext, 0x000a, new byte[] {0, 6, 0, 0x17, 0, 0x1d, 0, 0x18}); // supported_groups
        extension(ext, 0x000b, new byte[] {1, 0}); // ec_point_formats: uncompressed
        if (version >= 0x0303) {
            extension(ext, 0x000d, new byte[] {0, 8, 4, 3, 8, 4, 4, 1, 5, 1}); // signature_algorithms
        }
        int[] suites = version >= 0x0303
                ? new int[] {0xC02B, 0xC02F, 0xC02C, 0xC030, 0xC009, 0xC013, 0x002F, 0x00FF}
                : new int[] {0xC009, 0xC00A, 0xC013, 0xC014, 0x002F, 0x0035, 0x00FF};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, version);
        byte[] random = new byte[32];
        RandomGenerator.getDefault().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // legacy_session_id: empty
        u16(body, suites.length * 2);
        for (int s : suites) {
            u16(body, s);
        }
        body.writeBytes(new byte[] {1, 0}); // compression: null only
        u16(body, ext.size());
        body.writeBytes(ext.toByteArray());
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(HANDSHAKE);
        u16(record, 0x0301); // legacy_record_version
        u16(record, body.size() + 4);
        record.write(1); // client_hello
        record.write(body.size() >>> 16);
        u16(record, body.size() & 0xFFFF);
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    private static boolean isHostName(String host) {
        return !host.contains(":") && !host.matches("[0-9.]+");
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        u16(out, type);
        u16(out, data.length);
        out.writeBytes(data);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v & 0xFF);
    }

    /**
     * What a server answered to bytes sent on a fresh TCP connection: nothing before it closed, an alert, a
     * ServerHello, or other bytes.
     *
     * @param closed      the server closed (FIN or reset) before writing anything
     * @param silent      the server neither wrote nor closed within the timeout
     * @param contentType the first record's content type, -1 when nothing came
     * @param alert       the alert's description when the first record is an alert, else -1
     * @param helloVersion the version a ServerHello chose ({@code legacy_version}), else -1
     * @param first       the first bytes that came, for messages
     */
    record Answer(boolean closed, boolean silent, int contentType, int alert, int helloVersion, byte[] first) {
        /** @return the answer in words, for a failure message */
        String describe() {
            if (closed) {
                return "closed the connection without a byte";
            }
            if (silent) {
                return "neither answered nor closed";
            }
            if (contentType == ALERT && alert >= 0) {
                return "sent the alert " + alertName(alert);
            }
            if (helloVersion >= 0) {
                return "answered with a ServerHello choosing " + versionName(helloVersion);
            }
            return "sent " + Expect.excerpt(new String(first, StandardCharsets.ISO_8859_1));
        }

        /** @return whether the server refused: an alert, or a close without a byte */
        boolean refused() {
            return closed || contentType == ALERT && alert >= 0;
        }
    }

    /** Sends {@code bytes} on a new TCP connection and reads the first record of the answer, if any. */
    static Answer answerTo(Target t, byte[] bytes) throws IOException {
        try (Socket s = t.connectTcp()) {
            try {
                s.getOutputStream().write(bytes);
                s.getOutputStream().flush();
            } catch (SocketException refusedMidway) {
                // the answer, or the close, is read below
            }
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] head = new byte[5];
            int got = readFully(in, head);
            if (got < 0) {
                return new Answer(false, true, -1, -1, -1, new byte[0]);
            }
            if (got == 0) {
                return new Answer(true, false, -1, -1, -1, new byte[0]);
            }
            if (got < head.length) {
                return new Answer(false, false, head[0] & 0xFF, -1, -1, java.util.Arrays.copyOf(head, got));
            }
            int type = head[0] & 0xFF;
            int length = (head[3] & 0xFF) << 8 | head[4] & 0xFF;
            byte[] fragment = new byte[Math.min(length, 64)];
            int more = readFully(in, fragment);
            byte[] first = new byte[5 + Math.max(more, 0)];
            System.arraycopy(head, 0, first, 0, 5);
            System.arraycopy(fragment, 0, first, 5, Math.max(more, 0));
            if (type == ALERT && more >= 2) {
                return new Answer(false, false, type, fragment[1] & 0xFF, -1, first);
            }
            if (type == HANDSHAKE && more >= 6 && fragment[0] == SERVER_HELLO) {
                return new Answer(false, false, type, -1, (fragment[4] & 0xFF) << 8 | fragment[5] & 0xFF, first);
            }
            return new Answer(false, false, type, -1, -1, first);
        }
    }

    /** Reads up to {@code b.length} bytes; returns how many came before the end, or -1 on a timeout with none. */
    private static int readFully(InputStream in, byte[] b) throws IOException {
        int at = 0;
        try {
            while (at < b.length) {
                int n = in.read(b, at, b.length - at);
                if (n < 0) {
                    break;
                }
                at += n;
            }
        } catch (SocketTimeoutException e) {
            return at == 0 ? -1 : at;
        } catch (SocketException reset) {
            // the end, as a FIN
        }
        return at;
    }

    /**
     * What came back on a TLS connection driven by an engine until the server ended it.
     *
     * @param response    the application bytes received
     * @param closeNotify whether the server sent {@code close_notify}; false when TCP ended without one
     * @param protocol    the negotiated version, {@code TLSv1.3} and so on
     */
    record Exchange(String response, boolean closeNotify, String protocol) {
    }

    /**
     * Handshakes with {@code engine} over a new TCP connection, sends {@code request} and reads until the server
     * sends {@code close_notify} or closes TCP.
     *
     * @throws CaseFailed when the server neither closes nor sends {@code close_notify} within the timeout
     */
    static Exchange exchange(Target t, SSLEngine engine, byte[] request) throws IOException {
        try (Socket s = t.connectTcp()) {
            EngineLoop loop = new EngineLoop(s, engine, t);
            loop.handshake();
            loop.send(request);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            boolean closeNotify = loop.readToEnd(got);
            return new Exchange(got.toString(StandardCharsets.ISO_8859_1), closeNotify,
                    engine.getSession().getProtocol());
        }
    }

    /** A blocking engine driver on one socket: just what {@link #exchange} needs. */
    private static final class EngineLoop {
        private final Socket socket;
        private final SSLEngine engine;
        private final Target target;
        private final byte[] chunk = new byte[16 * 1024];
        private ByteBuffer netIn;
        private ByteBuffer app;
        private ByteBuffer netOut;

        EngineLoop(Socket socket, SSLEngine engine, Target target) {
            this.socket = socket;
            this.engine = engine;
            this.target = target;
            int packet = engine.getSession().getPacketBufferSize();
            netIn = ByteBuffer.allocate(packet * 2);
            app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
            netOut = ByteBuffer.allocate(packet * 2);
        }

        void handshake() throws IOException {
            engine.beginHandshake();
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NOT_HANDSHAKING, FINISHED -> {
                        return;
                    }
                    case NEED_WRAP -> wrap(ByteBuffer.allocate(0));
                    case NEED_TASK -> runTasks();
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        SSLEngineResult r = unwrap();
                        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                            throw new SSLException("the server closed during the handshake");
                        }
                        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && !readMore()) {
                            throw new SSLException("the server closed TCP during the handshake");
                        }
                    }
                }
            }
        }

        void send(byte[] data) throws IOException {
            ByteBuffer src = ByteBuffer.wrap(data);
            while (src.hasRemaining()) {
                wrap(src);
            }
        }

        /** @return true once {@code close_notify} came, false when TCP ended first */
        boolean readToEnd(ByteArrayOutputStream out) throws IOException {
            while (true) {
                SSLEngineResult r = unwrap();
                app.flip();
                out.write(app.array(), 0, app.limit());
                app.clear();
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return true;
                }
                switch (r.getHandshakeStatus()) {
                    case NEED_TASK -> runTasks();
                    case NEED_WRAP -> wrap(ByteBuffer.allocate(0));
                    default -> {
                        // nothing to do for the engine
                    }
                }
                boolean progress = r.bytesConsumed() > 0 || r.bytesProduced() > 0;
                if ((r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || !progress) && !readMore()) {
                    return false;
                }
            }
        }

        private void runTasks() {
            for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                task.run();
            }
        }

        private void wrap(ByteBuffer src) throws IOException {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                return;
            }
            netOut.flip();
            socket.getOutputStream().write(netOut.array(), 0, netOut.limit());
            socket.getOutputStream().flush();
        }

        private SSLEngineResult unwrap() throws IOException {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, app);
            } finally {
                netIn.compact();
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                ByteBuffer bigger = ByteBuffer.allocate(app.capacity() * 2);
                app.flip();
                bigger.put(app);
                app = bigger;
            }
            return r;
        }

        /** @return false at the end of TCP (FIN or reset) */
        private boolean readMore() throws IOException {
            int n;
            try {
                n = socket.getInputStream().read(chunk);
            } catch (SocketTimeoutException e) {
                throw new CaseFailed("the server neither closed nor sent more within " + target.timeout().toMillis()
                        + " ms");
            } catch (SocketException reset) {
                return false;
            }
            if (n < 0) {
                return false;
            }
            if (netIn.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() + n * 2);
                netIn.flip();
                bigger.put(netIn);
                netIn = bigger;
            }
            netIn.put(chunk, 0, n);
            return true;
        }
    }
}
