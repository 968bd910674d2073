package org.pagi.server.tls;

import java.util.Map;
import java.util.OptionalInt;

/**
 * The JDK names of TLS versions and cipher suites mapped to the numbers on the wire, which is what the {@code tls}
 * extension reports ({@code spec/docs/tls.md}: names differ between TLS libraries, numbers do not). The cipher
 * suites are those any JDK since 21 enables by default or supports for TLS 1.2 and 1.3, with their IANA
 * numbers (TLS Cipher Suites registry; RFC 8446 appendix B.4 for TLS 1.3). A name not listed maps to nothing,
 * which the extension reports as unknown. Stateless.
 */
final class TlsNumbers {
    private static final Map<String, Integer> VERSIONS = Map.of(
            "TLSv1.3", 0x0304, "TLSv1.2", 0x0303, "TLSv1.1", 0x0302, "TLSv1", 0x0301, "SSLv3", 0x0300);

    private static final Map<String, Integer> SUITES = Map.ofEntries(
            // TLS 1.3 (RFC 8446)
            Map.entry("TLS_AES_128_GCM_SHA256", 0x1301),
            Map.entry("TLS_AES_256_GCM_SHA384", 0x1302),
            Map.entry("TLS_CHACHA20_POLY1305_SHA256", 0x1303),
            // TLS 1.2, AEAD (RFC 5289, RFC 5288, RFC 7905)
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02B),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 0xC02C),
            Map.entry("TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02D),
            Map.entry("TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", 0xC02E),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xC02F),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0xC030),
            Map.entry("TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", 0xC031),
            Map.entry("TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", 0xC032),
            Map.entry("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA8),
            Map.entry("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA9),
            Map.entry("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCAA),
            Map.entry("TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009C),
            Map.entry("TLS_RSA_WITH_AES_256_GCM_SHA384", 0x009D),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 0x009E),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", 0x009F),
            Map.entry("TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", 0x00A2),
            Map.entry("TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", 0x00A3),
            // TLS 1.2, CBC with SHA-2 (RFC 5289, RFC 5246)
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 0xC023),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 0xC024),
            Map.entry("TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256", 0xC025),
            Map.entry("TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384", 0xC026),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", 0xC027),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", 0xC028),
            Map.entry("TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256", 0xC029),
            Map.entry("TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384", 0xC02A),
            Map.entry("TLS_RSA_WITH_AES_128_CBC_SHA256", 0x003C),
            Map.entry("TLS_RSA_WITH_AES_256_CBC_SHA256", 0x003D),
            Map.entry("TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", 0x0040),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", 0x0067),
            Map.entry("TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", 0x006A),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", 0x006B),
            // TLS 1.2, CBC with SHA-1 (RFC 4492, RFC 5246)
            Map.entry("TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", 0xC004),
            Map.entry("TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA", 0xC005),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0xC009),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", 0xC00A),
            Map.entry("TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", 0xC00E),
            Map.entry("TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", 0xC00F),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xC013),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 0xC014),
            Map.entry("TLS_RSA_WITH_AES_128_CBC_SHA", 0x002F),
            Map.entry("TLS_DHE_DSS_WITH_AES_128_CBC_SHA", 0x0032),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_CBC_SHA", 0x0033),
            Map.entry("TLS_RSA_WITH_AES_256_CBC_SHA", 0x0035),
            Map.entry("TLS_DHE_DSS_WITH_AES_256_CBC_SHA", 0x0038),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_CBC_SHA", 0x0039),
            // RFC 5746: a signal, never negotiated, listed so every JDK name is known
            Map.entry("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", 0x00FF));

    private TlsNumbers() {
    }

    /** @return the wire version of a JDK protocol name ({@code TLSv1.3} is {@code 0x0304}) */
    static OptionalInt version(String name) {
        Integer v = VERSIONS.get(name);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** @return the IANA number of a JDK cipher suite name ({@code TLS_AES_128_GCM_SHA256} is {@code 0x1301}) */
    static OptionalInt cipherSuite(String name) {
        Integer v = SUITES.get(name);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }
}
