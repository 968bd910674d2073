package org.pagi.examples.tlsintrospection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;

/**
 * What a client of example 08 sees, over any transport: over TLS (a TLS 1.3 connection without a client
 * certificate, {@link #startOverTls}) the facts as JSON; in cleartext ({@link #start}) the sentence that says so.
 */
abstract class TlsIntrospectionChecks extends ExampleChecks {
    /** The body over TLS 1.3 without a client certificate; the cipher suite is whichever TLS 1.3 suite was chosen. */
    static final Pattern TLS13_BODY = Pattern.compile("""
            TLS info:
            \\{
               "cipher_suite" : "0x130[123]",
               "client_cert" : null,
               "tls_version" : "0x0304"
            }
            """);

    private final List<ExampleClient> secure = new ArrayList<>();

    /** @return a client reaching {@code app} over TLS 1.3 without a client certificate, lifespan started */
    protected abstract ExampleClient startOverTls(Application app);

    protected final ExampleClient serveOverTls(Application app) {
        ExampleClient client = startOverTls(app);
        secure.add(client);
        return client;
    }

    @AfterEach
    void closeSecureClients() {
        while (!secure.isEmpty()) {
            secure.remove(secure.size() - 1).close();
        }
    }

    @Test
    void reportsTheVersionAndCipherSuiteOverTlsAsHex() {
        ExampleResponse response = serveOverTls(new App()).send(ExampleRequest.get("/"));
        assertEquals(200, response.status());
        assertEquals("text/plain", response.header("content-type").orElseThrow());
        assertTrue(TLS13_BODY.matcher(response.text()).matches(), response.text());
    }

    @Test
    void readsAndIgnoresARequestBody() {
        ExampleResponse response = serveOverTls(new App()).send(ExampleRequest.post("/", Bytes.utf8("ignored")));
        assertTrue(TLS13_BODY.matcher(response.text()).matches(), response.text());
    }

    @Test
    void saysSoWhenTheConnectionIsNotTls() {
        ExampleResponse response = serve(new App()).send(ExampleRequest.get("/anything"));
        assertEquals(200, response.status());
        assertEquals("text/plain", response.header("content-type").orElseThrow());
        assertEquals("Connection is not using TLS", response.text());
    }
}
