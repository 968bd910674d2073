package org.pagi.examples.tlsintrospection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.examples.support.Recorder;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.TlsInfo;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.TestClient;

/**
 * Example 08 through the in-process test client, which advertises whatever {@code tls} extension a test gives it
 * ({@code secure(true)} and {@code extensions(...)}): the exact bodies for chosen facts, a client certificate, and
 * values a live connection cannot be made to show.
 */
class TlsIntrospectionTest extends TlsIntrospectionChecks {
    /** TLS 1.3 with TLS_AES_128_GCM_SHA256, no client certificate. */
    private static final TlsInfo TLS13 = info(Optional.empty(), OptionalInt.of(0x0304), OptionalInt.of(0x1301));

    private static TlsInfo info(Optional<String> client, OptionalInt version, OptionalInt cipher) {
        return new TlsInfo(Optional.empty(), List.of(), client, Optional.empty(), version, cipher);
    }

    private static String body(TlsInfo tls) {
        TestClient client = TestClient.builder(new App()).secure(true)
                .extensions(Extensions.none().with(Extensions.TLS, tls)).build();
        return client.get("/").send().text();
    }

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Override
    protected ExampleClient startOverTls(Application app) {
        return InProcessClient.start(TestClient.builder(app).secure(true)
                .extensions(Extensions.none().with(Extensions.TLS, TLS13)).build());
    }

    @Test
    void sendsTheFactsAsTheUpstreamExampleLaysThemOut() {
        assertEquals("""
                TLS info:
                {
                   "cipher_suite" : "0x1301",
                   "client_cert" : null,
                   "tls_version" : "0x0304"
                }
                """, body(TLS13));
    }

    @Test
    void namesTheClientCertificate() {
        String text = body(info(Optional.of("CN=alice,O=Example"), OptionalInt.of(0x0303), OptionalInt.of(0xC02F)));
        assertEquals("""
                TLS info:
                {
                   "cipher_suite" : "0xc02f",
                   "client_cert" : "CN=alice,O=Example",
                   "tls_version" : "0x0303"
                }
                """, text);
    }

    @Test
    void escapesASubjectForJson() {
        // RFC 4514 escapes a comma inside a value with a backslash; JSON then escapes the backslash and the quote.
        String text = body(info(Optional.of("CN=Smith\\, \"J\""), OptionalInt.of(0x0304), OptionalInt.of(0x1302)));
        assertEquals("   \"client_cert\" : \"CN=Smith\\\\, \\\"J\\\"\",", text.lines().toList().get(3));
    }

    @Test
    void showsUnknownFactsAsUpstreamDoes() {
        // A server that cannot tell: the version reads 0x0000, the cipher suite null, as upstream's sprintf and undef.
        assertEquals("""
                TLS info:
                {
                   "cipher_suite" : null,
                   "client_cert" : null,
                   "tls_version" : "0x0000"
                }
                """, body(info(Optional.empty(), OptionalInt.empty(), OptionalInt.empty())));
    }

    @Test
    void readsTheTestClientsOwnTlsExtension() {
        // secure(true) alone advertises TLS 1.3 with TLS_AES_128_GCM_SHA256.
        assertEquals(body(TLS13), TestClient.builder(new App()).secure(true).build().get("/").send().text());
    }

    @Test
    void sendsOneStartAndOneBody() {
        Recorder recorder = new Recorder(new App());
        TestClient.of(recorder).get("/").send();
        assertEquals(List.of(new HttpResponseStart(200, Headers.of("content-type", "text/plain")),
                HttpResponseBody.last(Bytes.utf8(App.NOT_TLS))), recorder.sent());
    }

    @Test
    void refusesAWebSocket() {
        TestClient client = TestClient.of(new App());
        assertThrows(RuntimeException.class, () -> client.websocket("/").connect());
    }
}
