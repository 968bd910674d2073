package org.pagi.testing.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.TlsInfo;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.TestClient;

/** The examples of spec/docs/tls.md. */
class SpecTlsExamplesTest {

    @Test
    void tlsInfo() {
        // snippet: tls.info
        TlsInfo tls = new TlsInfo(Optional.empty(), List.of(), Optional.of("CN=alice,O=Example"), Optional.empty(),
                OptionalInt.of(0x0304), OptionalInt.of(0x1301)); // TLS 1.3, TLS_AES_128_GCM_SHA256
        Extensions extensions = Extensions.none().with(Extensions.TLS, tls);
        assertEquals(Optional.of(tls), extensions.tls());
        assertEquals(Optional.empty(), Extensions.none().tls()); // cleartext: no tls entry at all
        assertThrows(IllegalArgumentException.class, () -> new TlsInfo(Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), OptionalInt.of(0x10000), OptionalInt.empty())); // not 16 bits
        // end-snippet
    }

    @Test
    void applicationReadsTheExtension() {
        // snippet: tls.app
        Application app = (scope, receive, send) -> {
            HttpScope http = (HttpScope) scope;
            String answer = http.extensions().tls()
                    .map(tls -> "%s, TLS 0x%04X".formatted(http.scheme(), tls.tlsVersion().orElse(0)))
                    .orElse(http.scheme() + ", cleartext");
            return send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(answer))));
        };
        assertEquals("https, TLS 0x0304", TestClient.builder(app).secure(true).build().get("/").send().text());
        assertEquals("http, cleartext", TestClient.of(app).get("/").send().text());
        // end-snippet
    }
}
