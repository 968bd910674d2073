package org.pagi.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class TlsNumbersTest {
    @Test
    void knowsEveryCipherSuiteThisJdkSupports() throws Exception {
        List<String> unknown = Arrays.stream(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites())
                .filter(name -> TlsNumbers.cipherSuite(name).isEmpty()).toList();
        assertEquals(List.of(), unknown);
    }

    @Test
    void mapsNamesToTheNumbersOnTheWire() {
        assertEquals(OptionalInt.of(0x1301), TlsNumbers.cipherSuite("TLS_AES_128_GCM_SHA256"));
        assertEquals(OptionalInt.of(0xC02F), TlsNumbers.cipherSuite("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertEquals(OptionalInt.of(0x0304), TlsNumbers.version("TLSv1.3"));
        assertEquals(OptionalInt.of(0x0303), TlsNumbers.version("TLSv1.2"));
        assertEquals(OptionalInt.empty(), TlsNumbers.cipherSuite("SSL_NULL_WITH_NULL_NULL"));
        assertEquals(OptionalInt.empty(), TlsNumbers.version("NONE"));
    }
}
