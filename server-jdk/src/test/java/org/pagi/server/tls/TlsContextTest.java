package org.pagi.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading keys and certificates, and every startup error an operator can meet, by its message. */
class TlsContextTest {
    private static TestCertificates certs;

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.get();
    }

    private static TlsSettings pem(String cert, String key) {
        return TlsSettings.pem(certs.file(cert), certs.file(key));
    }

    private static String failure(TlsSettings settings) {
        return assertThrows(TlsSetupException.class, () -> TlsContext.create(settings)).getMessage();
    }

    private static PrivateKey key(String file) throws TlsSetupException {
        return PrivateKeys.from(Pem.read(certs.file(file)), certs.file(file));
    }

    @Nested
    class PemKeys {
        @Test
        void readsPkcs8EcAndRsaKeys() throws Exception {
            assertEquals("EC", key("server-key.pem").getAlgorithm());
            assertEquals("RSA", key("rsa-key.pem").getAlgorithm());
        }

        @Test
        void readsAPkcs1RsaKeyAsTheSameKeyByWrappingItInPkcs8() throws Exception {
            assertTrue(Files.readString(certs.file("rsa-key-pkcs1.pem")).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
            assertArrayEquals(key("rsa-key.pem").getEncoded(), key("rsa-key-pkcs1.pem").getEncoded());
        }

        @Test
        void readsASec1EcKeyAsTheSameKey() throws Exception {
            assertTrue(Files.readString(certs.file("server-key-sec1.pem"))
                    .startsWith("-----BEGIN EC PRIVATE KEY-----"));
            PrivateKey sec1 = key("server-key-sec1.pem");
            assertTrue(PrivateKeys.matches(sec1, certs.keyStore("server.p12").getCertificate("server").getPublicKey()));
        }

        @Test
        void servesWithEveryKeyForm() throws Exception {
            TlsContext.create(pem("server-cert.pem", "server-key.pem"));
            TlsContext.create(pem("server-cert.pem", "server-key-sec1.pem"));
            TlsContext.create(pem("rsa-cert.pem", "rsa-key.pem"));
            TlsContext.create(pem("rsa-cert.pem", "rsa-key-pkcs1.pem"));
        }

        @Test
        void refusesAnEncryptedKeyWithTheCommandThatDecryptsIt(@TempDir Path dir) throws IOException {
            Path key = dir.resolve("enc.pem");
            Files.writeString(key, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n"
                    + "-----END ENCRYPTED PRIVATE KEY-----\n");
            String message = failure(TlsSettings.pem(certs.file("server-cert.pem"), key));
            assertEquals(key + ": the private key is encrypted; decrypt it first: openssl pkey -in " + key
                    + " -out key.pem", message);
        }

        @Test
        void refusesAnOldStyleEncryptedKey(@TempDir Path dir) throws IOException {
            Path key = dir.resolve("old.pem");
            Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                    + "DEK-Info: AES-128-CBC,00\n\nMIIB\n-----END RSA PRIVATE KEY-----\n");
            assertTrue(failure(TlsSettings.pem(certs.file("server-cert.pem"), key)).contains("is encrypted"));
        }

        @Test
        void namesAFileWithoutAKey() {
            String message = failure(pem("server-cert.pem", "server-cert.pem"));
            assertEquals(certs.file("server-cert.pem") + ": no private key (expected a BEGIN PRIVATE KEY, BEGIN RSA "
                    + "PRIVATE KEY or BEGIN EC PRIVATE KEY block)", message);
        }

        @Test
        void namesAMissingFile() {
            assertEquals(certs.file("nope.pem") + ": no such file", failure(pem("nope.pem", "server-key.pem")));
        }

        @Test
        void namesACertificateFileWithoutACertificate() {
            assertEquals(certs.file("server-key.pem") + ": no certificate (expected a BEGIN CERTIFICATE block)",
                    failure(pem("server-key.pem", "server-key.pem")));
        }

        @Test
        void namesABinaryFile() {
            assertTrue(failure(pem("server.p12", "server-key.pem")).contains("not a PEM file"));
        }

        @Test
        void sendsTheChainFileAfterTheCertificate() throws Exception {
            TlsContext ctx = TlsContext.create(TlsSettings.builder(new KeySource.PemFiles(certs.file("client-cert.pem"),
                    certs.file("client-key.pem"), Optional.of(certs.file("ca.pem")))).build());
            assertEquals("CN=alice,O=Example", ctx.serverSubject());
        }

        @Test
        void namesAChainFileThatDoesNotContinueTheCertificate() {
            String message = failure(TlsSettings.builder(new KeySource.PemFiles(certs.file("server-cert.pem"),
                    certs.file("server-key.pem"), Optional.of(certs.file("ca.pem")))).build());
            assertEquals(certs.file("ca.pem") + ": the certificates do not form a chain: each must be signed by the "
                    + "next, the server's own first", message);
        }
    }

    @Nested
    class Mismatches {
        @Test
        void aKeyOfAnotherAlgorithmIsNamedWithBothFiles() {
            assertEquals(certs.file("server-key.pem") + ": this private key does not belong to the certificate in "
                    + certs.file("rsa-cert.pem") + " (CN=localhost)", failure(pem("rsa-cert.pem", "server-key.pem")));
        }

        @Test
        void anotherKeyOfTheSameAlgorithmIsFoundBySigning() {
            assertTrue(failure(pem("server-cert.pem", "expired-key.pem"))
                    .contains("does not belong to the certificate"));
        }
    }

    @Nested
    class Expiry {
        @Test
        void anExpiredCertificateIsAWarningNotAnError() throws Exception {
            TlsContext ctx = TlsContext.create(pem("expired-cert.pem", "expired-key.pem"));
            assertEquals(1, ctx.warnings().size());
            String warning = ctx.warnings().get(0);
            String start = certs.file("expired-cert.pem") + ": the certificate CN=localhost expired on ";
            assertTrue(warning.startsWith(start), warning);
        }

        @Test
        void aValidCertificateWarnsOfNothing() throws Exception {
            assertEquals(List.of(), TlsContext.create(pem("server-cert.pem", "server-key.pem")).warnings());
        }
    }

    @Nested
    class Keystores {
        private TlsSettings keystore(String file, String password) {
            return TlsSettings.builder(new KeySource.KeyStoreFile(certs.file(file), password)).build();
        }

        @Test
        void servesFromAPkcs12Keystore() throws Exception {
            assertEquals("CN=localhost", TlsContext.create(keystore("server.p12", TestCertificates.PASSWORD))
                    .serverSubject());
        }

        @Test
        void servesFromAJksKeystore() throws Exception {
            assertEquals("CN=localhost", TlsContext.create(keystore("rsa.jks", TestCertificates.PASSWORD))
                    .serverSubject());
        }

        @Test
        void aWrongJksPasswordIsNamedWithTheFile() {
            assertEquals(certs.file("rsa.jks") + ": wrong keystore password (--ssl-keystore-password), or the file "
                    + "is damaged", failure(keystore("rsa.jks", "wrong")));
        }

        @Test
        void aWrongPasswordIsNamedWithTheFile() {
            assertEquals(certs.file("server.p12") + ": wrong keystore password (--ssl-keystore-password), or the file "
                    + "is damaged", failure(keystore("server.p12", "wrong")));
        }

        @Test
        void aFileThatIsNoKeystoreIsNamed() {
            assertTrue(failure(keystore("server-cert.pem", "x")).startsWith(certs.file("server-cert.pem") + ": "));
        }

        @Test
        void aMissingKeystoreIsNamed() {
            assertEquals(certs.file("none.p12") + ": no such file", failure(keystore("none.p12", "x")));
        }

        @Test
        void neverPrintsThePassword() {
            assertTrue(!new KeySource.KeyStoreFile(Path.of("k.p12"), "s3cret").toString().contains("s3cret"));
        }
    }

    @Nested
    class Names {
        @Test
        void anUnknownCipherSuiteIsNamed() {
            assertEquals("this JDK does not support the cipher suite TLS_NOT_A_SUITE", failure(certs.serverPem()
                    .cipherSuites(List.of("TLS_NOT_A_SUITE")).build()));
        }

        @Test
        void cipherSuitesThatFitNoEnabledProtocolAreRefused() {
            String message = failure(certs.serverPem().protocols(List.of("TLSv1.3"))
                    .cipherSuites(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")).build());
            assertTrue(message.startsWith("none of the cipher suites TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 works "
                    + "with TLSv1.3"), message);
        }

        @Test
        void onlyTls12And13CanBeEnabled() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> certs.serverPem().protocols(List.of("TLSv1.1")).build());
            assertEquals("tls protocols: expected TLSv1.3 or TLSv1.2, got 'TLSv1.1'", e.getMessage());
        }

        @Test
        void clientCertificatesNeedACaBundle() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> certs.serverPem().clientAuth(ClientAuth.REQUIRE).build());
            assertEquals("tls clientAuth require needs a CA bundle to verify client certificates against",
                    e.getMessage());
        }

        @Test
        void aCaBundleWithoutCertificatesIsNamed() {
            assertEquals(certs.file("server-key.pem") + ": no CA certificate (expected BEGIN CERTIFICATE blocks)",
                    failure(certs.serverPem().caBundle(certs.file("server-key.pem")).build()));
        }
    }
}
