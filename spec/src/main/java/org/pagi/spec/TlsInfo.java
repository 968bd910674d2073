package org.pagi.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code tls} extension's data: facts about the TLS connection a scope arrived on.
 *
 * @param serverCert       the server certificate, PEM, when the server has it
 * @param clientCertChain  the client's certificates, PEM, leaf first; empty if none
 * @param clientCertName   the client certificate's subject DN (RFC 4514), when there is one
 * @param clientCertError  why client-certificate verification failed, if it did and the connection stayed open
 * @param tlsVersion       the protocol version as on the wire: {@code 0x0303} TLS 1.2, {@code 0x0304} TLS 1.3
 * @param cipherSuite      the negotiated cipher suite as its 16-bit IANA number, e.g. {@code 0x1301}
 */
public record TlsInfo(
        Optional<String> serverCert,
        List<String> clientCertChain,
        Optional<String> clientCertName,
        Optional<String> clientCertError,
        OptionalInt tlsVersion,
        OptionalInt cipherSuite) {

    /** Copies the chain and checks the 16-bit fields. */
    public TlsInfo {
        Objects.requireNonNull(serverCert, "serverCert");
        clientCertChain = List.copyOf(clientCertChain);
        Objects.requireNonNull(clientCertName, "clientCertName");
        Objects.requireNonNull(clientCertError, "clientCertError");
        Objects.requireNonNull(tlsVersion, "tlsVersion");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        checkUint16("tlsVersion", tlsVersion);
        checkUint16("cipherSuite", cipherSuite);
    }

    private static void checkUint16(String name, OptionalInt value) {
        if (value.isPresent() && (value.getAsInt() < 0 || value.getAsInt() > 0xFFFF)) {
            throw new IllegalArgumentException(name + " must be a 16-bit value, got " + value.getAsInt());
        }
    }
}
