package org.pagi.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.server.ServerConfig;
import org.pagi.server.tls.ClientAuth;
import org.pagi.server.tls.KeySource;
import org.pagi.server.tls.TlsSettings;

/** The launcher's {@code --ssl-*} options and the banner's TLS line. */
class TlsLauncherTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("PAGI_KEYSTORE_PASSWORD", "from-env");

    private static ServerConfig config(String... options) throws UsageException {
        String[] args = new String[options.length + 2];
        args[0] = "--app";
        args[1] = "com.example.App";
        System.arraycopy(options, 0, args, 2, options.length);
        return assertInstanceOf(Command.Serve.class, CommandLine.parse(ENVIRONMENT::get, args)).config();
    }

    private static TlsSettings tls(String... options) throws UsageException {
        return config(options).tls().orElseThrow();
    }

    private static String failure(String... options) {
        return assertThrows(UsageException.class, () -> config(options)).getMessage();
    }

    @Nested
    class Settings {
        @Test
        void noSslOptionMeansCleartext() throws UsageException {
            assertEquals(Optional.empty(), config().tls());
        }

        @Test
        void aCertificateAndKeyTurnTlsOnWithTheDefaults() throws UsageException {
            TlsSettings t = tls("--ssl-cert", "cert.pem", "--ssl-key", "key.pem");
            assertEquals(new KeySource.PemFiles(Path.of("cert.pem"), Path.of("key.pem"), Optional.empty()), t.keys());
            assertEquals(List.of("TLSv1.3", "TLSv1.2"), t.protocols());
            assertEquals(List.of(), t.cipherSuites(), "the JDK's own");
            assertEquals(ClientAuth.NONE, t.clientAuth());
            assertEquals(List.of("http/1.1"), t.applicationProtocols());
        }

        @Test
        void setsChainCaClientAuthProtocolsAndCiphers() throws UsageException {
            TlsSettings t = tls("--ssl-cert", "c.pem", "--ssl-key", "k.pem", "--ssl-chain", "chain.pem", "--ssl-ca",
                    "ca.pem", "--ssl-client-auth", "Require", "--ssl-protocols", "tlsv1.3", "--ssl-ciphers",
                    "TLS_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256");
            assertEquals(Optional.of(Path.of("chain.pem")), ((KeySource.PemFiles) t.keys()).chain());
            assertEquals(Optional.of(Path.of("ca.pem")), t.caBundle());
            assertEquals(ClientAuth.REQUIRE, t.clientAuth());
            assertEquals(List.of("TLSv1.3"), t.protocols());
            assertEquals(List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"), t.cipherSuites());
        }

        @Test
        void aKeystoreWithItsPasswordGivenOrFromTheEnvironment() throws UsageException {
            assertEquals(new KeySource.KeyStoreFile(Path.of("s.p12"), "secret"),
                    tls("--ssl-keystore", "s.p12", "--ssl-keystore-password", "secret").keys());
            assertEquals(new KeySource.KeyStoreFile(Path.of("s.p12"), "from-env"),
                    tls("--ssl-keystore", "s.p12", "--ssl-keystore-password", "env:PAGI_KEYSTORE_PASSWORD").keys());
        }
    }

    @Nested
    class BadCombinations {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "--ssl-cert c.pem|--ssl-cert: needs --ssl-key (the certificate's private key)",
            "--ssl-key k.pem|--ssl-key: needs --ssl-cert (the certificate the key belongs to)",
            "--ssl-ca ca.pem|--ssl-ca: needs a certificate: --ssl-cert and --ssl-key, or --ssl-keystore",
            "--ssl-keystore s.p12|--ssl-keystore: needs --ssl-keystore-password",
            "--ssl-keystore-password x|--ssl-keystore-password: needs --ssl-keystore",
            "--ssl-cert c.pem --ssl-key k.pem --ssl-keystore s.p12 --ssl-keystore-password x|--ssl-keystore: give "
                    + "either --ssl-cert and --ssl-key, or --ssl-keystore, not both",
            "--ssl-keystore s.p12 --ssl-keystore-password x --ssl-chain c.pem|--ssl-chain: only with --ssl-cert (a "
                    + "keystore holds its own chain)",
            "--ssl-cert c.pem --ssl-key k.pem --ssl-client-auth request|--ssl-client-auth: request needs --ssl-ca "
                    + "(the CA certificates client certificates must chain to)",
            "--ssl-cert c.pem --ssl-key k.pem --ssl-protocols TLSv1.1|--ssl-protocols: expected TLSv1.3, TLSv1.2 or "
                    + "both, got 'TLSv1.1'",
            "--ssl-cert c.pem --ssl-key k.pem --ssl-protocols ,|--ssl-protocols: expected TLSv1.3, TLSv1.2 or both, "
                    + "got ','",
            "--ssl-cert c.pem --ssl-key k.pem --ssl-ciphers aes|--ssl-ciphers: expected cipher suite names such as "
                    + "TLS_AES_128_GCM_SHA256, got 'aes'",
            "--ssl-cert c.pem --ssl-key k.pem --ssl-client-auth maybe|--ssl-client-auth: expected one of none, "
                    + "request, require, got 'maybe'",
            "--ssl-keystore s.p12 --ssl-keystore-password env:NOT_SET|--ssl-keystore-password: the environment "
                    + "variable 'NOT_SET' is not set",
        })
        void areNamedByTheirOption(String options, String message) {
            assertEquals(message, failure(options.split(" ")));
        }
    }

    @Nested
    class Help {
        @ParameterizedTest
        @ValueSource(strings = {"--ssl-cert", "--ssl-key", "--ssl-chain", "--ssl-keystore", "--ssl-keystore-password",
            "--ssl-ca", "--ssl-client-auth", "--ssl-protocols", "--ssl-ciphers"})
        void documentsEveryTlsOption(String option) {
            assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(option) + "\\b").matcher(CommandLine.help()).find(),
                    option);
        }

        @Test
        void showsTheTlsDefaults() {
            String help = CommandLine.help();
            assertTrue(help.contains("[TLSv1.3,TLSv1.2]"), help);
            assertTrue(help.contains("--ssl-client-auth MODE"), help);
        }
    }

    @Nested
    class BannerLine {
        private final InetSocketAddress bound = new InetSocketAddress("127.0.0.1", 8443);

        @Test
        void saysOffAndHttpWithoutTls() {
            ServerConfig c = ServerConfig.builder().build();
            assertTrue(Banner.text("A", c, bound).contains("TLS           off"));
            assertEquals("http://127.0.0.1:8443", Banner.url(c, bound));
        }

        @Test
        void saysOnWithProtocolsCertificateAndClientCertificatesAndHttps() throws UsageException {
            ServerConfig c = config("--ssl-cert", "cert.pem", "--ssl-key", "key.pem", "--ssl-ca", "ca.pem",
                    "--ssl-client-auth", "require");
            String text = Banner.text("A", c, bound);
            assertTrue(text.contains("TLS           on (TLSv1.3, TLSv1.2; certificate cert.pem; client certificates "
                    + "required)"), text);
            assertEquals("https://127.0.0.1:8443", Banner.url(c, bound));
        }

        @Test
        void namesAKeystoreButNeverItsPassword() throws UsageException {
            ServerConfig c = config("--ssl-keystore", "s.p12", "--ssl-keystore-password", "hunter2");
            String text = Banner.text("A", c, bound);
            assertTrue(text.contains("TLS           on (TLSv1.3, TLSv1.2; keystore s.p12)"), text);
            assertTrue(!text.contains("hunter2") && !c.toString().contains("hunter2"));
        }
    }
}
