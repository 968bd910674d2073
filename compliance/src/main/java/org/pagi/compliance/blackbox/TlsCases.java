package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.pagi.protocol.http1.ResponseReader;

/**
 * The TLS cases: versions (1.3 and 1.2 accepted, 1.1 and 1.0 refused), ALPN, SNI, HTTP over TLS, bytes that are
 * not TLS, a stalled handshake, {@code close_notify} and the certificate's type. They apply to an {@code https}
 * target only and fail at once on an {@code http} one; the command line leaves them out for an {@code http} URL
 * unless {@code --category tls} asks for them. Every other category runs over TLS too when the URL is
 * {@code https} ({@link Target#connect()}), so these check only what is TLS's own.
 *
 * <p>TLS ends at a reverse proxy, so through one these cases would check the proxy: they are origin-only.
 */
final class TlsCases {
    /** How many connections hold an unfinished ClientHello while another client is served. */
    private static final int STALLED = 5;
    private static final String AT_PROXY = "TLS ends at the proxy: these cases would check the proxy's TLS";

    private TlsCases() {
    }

    static List<WireCase> all() {
        List<WireCase> cases = List.of(
                WireCase.of(Category.TLS, "tls13-handshake", "RFC 8446 section 4: a TLS 1.3 client completes the "
                        + "handshake, TLS 1.3 is negotiated, and GET / is answered over it",
                        t -> version(t, "TLSv1.3")),
                WireCase.of(Category.TLS, "tls12-handshake", "RFC 5246 section 7.3 and RFC 8996 section 1 (TLS 1.2 is "
                        + "the oldest version allowed): a TLS 1.2-only client completes the handshake and GET / is "
                        + "answered", t -> version(t, "TLSv1.2")),
                WireCase.of(Category.TLS, "tls11-refused", "RFC 8996 section 3: TLS 1.1 MUST NOT be negotiated; a "
                        + "ClientHello of legacy_version 0x0302 without supported_versions gets an alert (such as "
                        + "protocol_version) or a close, never a ServerHello", t -> oldVersion(t, 0x0302)),
                WireCase.of(Category.TLS, "tls10-refused", "RFC 8996 section 2: TLS 1.0 MUST NOT be negotiated; a "
                        + "ClientHello of legacy_version 0x0301 without supported_versions gets an alert (such as "
                        + "protocol_version) or a close, never a ServerHello", t -> oldVersion(t, 0x0301)),
                WireCase.of(Category.TLS, "alpn-http11", "RFC 7301 section 3.2: a client offering http/1.1 in ALPN "
                        + "gets http/1.1 selected, and is served HTTP/1.1", TlsCases::alpnHttp11),
                WireCase.of(Category.TLS, "alpn-h2-only", "RFC 7301 section 3.2: a client offering only h2 gets the "
                        + "no_application_protocol alert, or no protocol selected (the server ignores ALPN); a server "
                        + "that speaks h2 may select it", TlsCases::alpnH2Only),
                WireCase.of(Category.TLS, "no-alpn", "RFC 7301 section 3.1 (ALPN is optional): a client offering no "
                        + "ALPN completes the handshake, has no protocol selected, and is served HTTP/1.1",
                        TlsCases::noAlpn),
                WireCase.of(Category.TLS, "sni", "RFC 6066 section 3: a ClientHello with server_name (the URL's host "
                        + "name, or localhost for an address) completes the handshake and is served",
                        TlsCases::sni),
                WireCase.of(Category.TLS, "https-get", "RFC 9110 section 4.2.2: GET / over TLS is the contract's "
                        + "200 Hello from PAGI!, and a second request reuses the connection", TlsCases::httpsGet),
                WireCase.of(Category.TLS, "plain-http-refused", "RFC 8446 section 5: bytes that are not TLS records "
                        + "(a plain HTTP request) get no HTTP response, only an alert or a close; TLS clients are "
                        + "still served", TlsCases::plainHttp),
                WireCase.of(Category.TLS, "stalled-hello", "RFC 8446 section 5.1 and server hardening: "
                        + STALLED + " connections that send a record header and stall in their ClientHello do not "
                        + "stop another TLS client being served", TlsCases::stalledHello),
                WireCase.of(Category.TLS, "close-notify-tls13", "RFC 8446 section 6.1: after a response to "
                        + "Connection: close, the server sends close_notify before it closes TCP",
                        t -> closeNotify(t, "TLSv1.3")),
                WireCase.of(Category.TLS, "close-notify-tls12", "RFC 5246 section 7.2.1: over TLS 1.2, after a "
                        + "response to Connection: close, the server sends close_notify before it closes TCP",
                        t -> closeNotify(t, "TLSv1.2")),
                WireCase.of(Category.TLS, "x509-certificate", "RFC 8446 section 4.4.2: the server presents an X.509 "
                        + "certificate (whether it is trusted is not checked)", TlsCases::x509));
        List<WireCase> out = new ArrayList<>();
        for (WireCase c : cases) {
            out.add(c.originOnly(AT_PROXY));
        }
        return out;
    }

    /** Fails the case when the target is not https: the TLS cases were asked for with an http URL. */
    private static void requireSecure(Target t) {
        Expect.that(t.secure(), "the target is not https: TLS cases need an https:// URL");
    }

    /** @return a TLS connection, failing the case with the handshake's error */
    private static SSLSocket tls(Target t, Consumer<SSLParameters> tune, String what) throws IOException {
        requireSecure(t);
        try {
            return t.connectTls(tune);
        } catch (SSLException e) {
            throw new CaseFailed(what + ": the handshake failed: " + e.getMessage());
        }
    }

    /** Fails unless {@code GET /} on {@code s} is the contract's hello. */
    private static void hello(Target t, Socket s, String what) throws IOException {
        HttpConnection c = new HttpConnection(t, s);
        ResponseReader.Response r = c.send(Wire.get(t, "/")).read("GET");
        Expect.equal(200, r.status(), "status of GET / " + what);
        Expect.equal("Hello from PAGI!", r.text(), "body of GET / " + what);
    }

    private static void version(Target t, String protocol) throws IOException {
        try (SSLSocket s = tls(t, TlsClient.only(protocol), "a " + protocol + "-only client")) {
            Expect.equal(protocol, s.getSession().getProtocol(), "negotiated version");
            hello(t, s, "over " + protocol);
        }
    }

    private static void oldVersion(Target t, int version) throws IOException {
        requireSecure(t);
        TlsWire.Answer a = TlsWire.answerTo(t, TlsWire.clientHello(version, t.host()));
        Expect.that(a.refused(), "to a " + TlsWire.versionName(version) + " ClientHello the server "
                + a.describe() + "; it must refuse with an alert or close (RFC 8996)");
    }

    private static void alpnHttp11(Target t) throws IOException {
        try (SSLSocket s = tls(t, TlsClient.alpn(List.of(TlsClient.HTTP_1_1)), "a client offering http/1.1")) {
            Expect.equal(TlsClient.HTTP_1_1, s.getApplicationProtocol(), "the ALPN protocol selected");
            hello(t, s, "after ALPN chose http/1.1");
        }
    }

    private static void alpnH2Only(Target t) throws IOException {
        requireSecure(t);
        SSLSocket s;
        try {
            s = t.connectTls(TlsClient.alpn(List.of("h2")));
        } catch (SSLException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            Expect.that(m.contains("no_application_protocol"), "a client offering only h2: the handshake failed, "
                    + "but not with the no_application_protocol alert (RFC 7301 section 3.2): " + e.getMessage());
            return;
        }
        try (s) {
            String chosen = s.getApplicationProtocol();
            Expect.that(chosen == null || chosen.isEmpty() || chosen.equals("h2"), "a client offering only h2 got "
                    + Expect.excerpt(chosen) + " selected, which it did not offer (RFC 7301 section 3.2)");
        }
    }

    private static void noAlpn(Target t) throws IOException {
        try (SSLSocket s = tls(t, TlsClient.alpn(List.of()), "a client without ALPN")) {
            String chosen = s.getApplicationProtocol();
            Expect.that(chosen == null || chosen.isEmpty(), "no ALPN was offered, yet " + Expect.excerpt(chosen)
                    + " was selected (RFC 7301 section 3.1)");
            hello(t, s, "without ALPN");
        }
    }

    private static void sni(Target t) throws IOException {
        String name = t.host().matches("[0-9.]+") || t.host().contains(":") ? "localhost" : t.host();
        try (SSLSocket s = tls(t, p -> p.setServerNames(List.of(new SNIHostName(name))),
                "a client sending server_name " + name)) {
            hello(t, s, "after SNI " + name);
        }
    }

    private static void httpsGet(Target t) throws IOException {
        try (SSLSocket s = tls(t, p -> { }, "a default client")) {
            hello(t, s, "over TLS");
            hello(t, s, "again on the same TLS connection");
        }
    }

    private static void stillServing(Target t, String after) throws IOException {
        try (SSLSocket s = tls(t, p -> { }, "a TLS client after " + after)) {
            hello(t, s, "on a new TLS connection after " + after);
        }
    }

    private static void plainHttp(Target t) throws IOException {
        requireSecure(t);
        TlsWire.Answer a = TlsWire.answerTo(t, Wire.latin1(Wire.get(t, "/")));
        String text = new String(a.first(), StandardCharsets.ISO_8859_1);
        Expect.that(!text.startsWith("HTTP/"), "a plain HTTP request on the TLS port got an HTTP response: "
                + Expect.excerpt(text));
        Expect.that(a.refused(), "to a plain HTTP request on the TLS port the server " + a.describe()
                + "; it must send an alert or close");
        stillServing(t, "a plain HTTP request");
    }

    private static void stalledHello(Target t) throws Exception {
        requireSecure(t);
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                Socket s = t.connectTcp();
                stalled.add(s);
                // A handshake record announcing 512 bytes, then nothing.
                s.getOutputStream().write(new byte[] {TlsWire.HANDSHAKE, 3, 1, 2, 0});
                s.getOutputStream().flush();
            }
            long start = System.nanoTime();
            stillServing(t, STALLED + " clients stalled in their ClientHello");
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Expect.that(took < t.timeout().toMillis(), "a TLS client took " + took + " ms while " + STALLED
                    + " others stalled in their ClientHello");
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    private static void closeNotify(Target t, String protocol) throws IOException {
        requireSecure(t);
        String request = "GET / HTTP/1.1\r\n" + Wire.host(t) + "Connection: close\r\n\r\n";
        TlsWire.Exchange e;
        try {
            e = TlsWire.exchange(t, TlsClient.engine(t, TlsClient.only(protocol)), Wire.latin1(request));
        } catch (SSLException x) {
            throw new CaseFailed("a " + protocol + "-only client: " + x.getMessage());
        }
        Expect.equal(protocol, e.protocol(), "negotiated version");
        Expect.that(e.response().startsWith("HTTP/1.1 200") && e.response().endsWith("Hello from PAGI!"),
                "the response to GET / with Connection: close: " + Expect.excerpt(e.response()));
        Expect.that(e.closeNotify(), "over " + protocol + " the server closed TCP without sending close_notify "
                + "first: a client cannot tell its close from a truncation");
    }

    private static void x509(Target t) throws IOException {
        try (SSLSocket s = tls(t, p -> { }, "a default client")) {
            Certificate[] chain = s.getSession().getPeerCertificates();
            Expect.that(chain.length > 0, "the server presented no certificate");
            Expect.that(chain[0] instanceof X509Certificate, "the server's certificate is "
                    + chain[0].getType() + ", not X.509");
        }
    }
}
