package org.pagi.examples.tlsintrospection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;
import org.pagi.server.tls.ClientAuth;
import org.pagi.server.tls.KeySource;
import org.pagi.server.tls.TlsSettings;
import org.pagi.spec.Application;

/**
 * Example 08 on a live server over real TLS: a {@code PagiServer} serving HTTPS with a certificate made by
 * {@code keytool} for the test ({@link ExampleCertificates}), the JDK's {@code HttpClient} trusting it; in both
 * execution modes. The cleartext check runs on a server without TLS. Plus a client certificate, which only a real
 * handshake can present.
 */
class TlsIntrospectionLiveServerTest extends TlsIntrospectionChecks {
    private static TlsSettings.Builder serverTls() {
        ExampleCertificates certs = ExampleCertificates.get();
        return TlsSettings.builder(new KeySource.KeyStoreFile(certs.file("server.p12"), ExampleCertificates.PASSWORD));
    }

    @Override
    protected ExampleClient start(Application app) {
        return LiveServerClient.start(app, LiveServerClient.Wire.JDK_HTTP_CLIENT, ExecutionMode.VIRTUAL_THREADS);
    }

    @Override
    protected ExampleClient startOverTls(Application app) {
        return TlsLiveClient.start(app, ExecutionMode.VIRTUAL_THREADS, serverTls().build(),
                ExampleCertificates.get().client(false));
    }

    @Test
    void namesTheClientCertificateTheServerRequired() {
        ExampleCertificates certs = ExampleCertificates.get();
        TlsSettings requiring = serverTls().caBundle(certs.file("ca.pem")).clientAuth(ClientAuth.REQUIRE).build();
        try (TlsLiveClient alice = TlsLiveClient.start(new App(), ExecutionMode.VIRTUAL_THREADS, requiring,
                certs.client(true))) {
            String text = alice.send(ExampleRequest.get("/")).text();
            assertTrue(text.contains("\n   \"client_cert\" : \"CN=alice,O=Example\",\n"), text);
            assertTrue(text.contains("\n   \"tls_version\" : \"0x0304\"\n"), text);
        }
    }

    @Test
    void speaksTls12WhenTheServerIsLimitedToIt() {
        TlsSettings tls12 = serverTls().protocols(java.util.List.of("TLSv1.2")).build();
        try (TlsLiveClient client = TlsLiveClient.start(new App(), ExecutionMode.VIRTUAL_THREADS, tls12,
                ExampleCertificates.get().client(false))) {
            String text = client.send(ExampleRequest.get("/")).text();
            assertTrue(text.matches("(?s).*\"cipher_suite\" : \"0x[0-9a-f]{4}\",.*\"tls_version\" : \"0x0303\".*"),
                    text);
            assertEquals(200, client.send(ExampleRequest.get("/")).status());
        }
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends TlsIntrospectionChecks {
        @Override
        protected ExampleClient start(Application app) {
            return LiveServerClient.start(app, LiveServerClient.Wire.JDK_HTTP_CLIENT, ExecutionMode.EVENT_LOOP);
        }

        @Override
        protected ExampleClient startOverTls(Application app) {
            return TlsLiveClient.start(app, ExecutionMode.EVENT_LOOP, serverTls().build(),
                    ExampleCertificates.get().client(false));
        }
    }
}
