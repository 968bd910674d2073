package org.pagi.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.pagi.server.tls.ClientAuth;
import org.pagi.server.tls.KeySource;
import org.pagi.server.tls.TlsSettings;

/**
 * The {@code --ssl-*} options of one command line, collected as they come and turned into {@link TlsSettings} at
 * the end, when it is clear which belong together: a certificate needs its key, a keystore its password, client
 * certificates a CA bundle. Each message names an option. Reads no files: whether they exist and fit together is
 * checked when the server starts. Not thread-safe; one per parse.
 */
final class TlsOptions {
    /** Where a password given as {@code env:NAME} is looked up; the process environment outside tests. */
    private final Function<String, String> environment;
    /** The first {@code --ssl-*} option given, for the message when no certificate or keystore is. */
    private String first;
    private Path certificate;
    private Path key;
    private Path chain;
    private Path keystore;
    private String password;
    private Path caBundle;
    private ClientAuth clientAuth = ClientAuth.NONE;
    private List<String> protocols = TlsSettings.DEFAULT_PROTOCOLS;
    private List<String> cipherSuites = List.of();

    TlsOptions(Function<String, String> environment) {
        this.environment = environment;
    }

    private void seen(String option) {
        if (first == null) {
            first = option;
        }
    }

    void certificate(String option, Path value) {
        seen(option);
        certificate = value;
    }

    void key(String option, Path value) {
        seen(option);
        key = value;
    }

    void chain(String option, Path value) {
        seen(option);
        chain = value;
    }

    void keystore(String option, Path value) {
        seen(option);
        keystore = value;
    }

    void caBundle(String option, Path value) {
        seen(option);
        caBundle = value;
    }

    /** A password as it is, or {@code env:NAME} for the value of an environment variable (kept out of {@code ps}). */
    void password(String option, String value) throws UsageException {
        seen(option);
        if (value.startsWith("env:")) {
            String name = value.substring(4);
            String found = name.isEmpty() ? null : environment.apply(name);
            if (found == null) {
                throw new UsageException(option + ": the environment variable '" + Values.printable(name)
                        + "' is not set");
            }
            password = found;
        } else {
            password = value;
        }
    }

    void clientAuth(String option, String value) throws UsageException {
        seen(option);
        clientAuth = ClientAuth.valueOf(Values.choice(option, value, "none", "request", "require")
                .toUpperCase(Locale.ROOT));
    }

    /** {@code TLSv1.3}, {@code TLSv1.2} or both, in any case, comma-separated. */
    void protocols(String option, String value) throws UsageException {
        seen(option);
        List<String> out = new ArrayList<>();
        for (String p : list(value)) {
            String known = TlsSettings.ALLOWED_PROTOCOLS.stream().filter(a -> a.equalsIgnoreCase(p)).findFirst()
                    .orElseThrow(() -> Values.bad(option, "TLSv1.3, TLSv1.2 or both", value));
            out.add(known);
        }
        if (out.isEmpty()) {
            throw Values.bad(option, "TLSv1.3, TLSv1.2 or both", value);
        }
        protocols = List.copyOf(out);
    }

    /** Cipher suite names as the JDK spells them; whether this JDK knows them is checked at start. */
    void cipherSuites(String option, String value) throws UsageException {
        seen(option);
        List<String> out = list(value);
        for (String c : out) {
            if (!c.matches("[A-Z0-9_]+")) {
                throw Values.bad(option, "cipher suite names such as TLS_AES_128_GCM_SHA256", value);
            }
        }
        if (out.isEmpty()) {
            throw Values.bad(option, "cipher suite names such as TLS_AES_128_GCM_SHA256", value);
        }
        cipherSuites = List.copyOf(out);
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",", -1)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** @return the TLS settings, or empty when no {@code --ssl-*} option was given */
    Optional<TlsSettings> settings() throws UsageException {
        if (first == null) {
            return Optional.empty();
        }
        KeySource keys = keys();
        if (clientAuth != ClientAuth.NONE && caBundle == null) {
            throw new UsageException("--ssl-client-auth: " + clientAuth.name().toLowerCase(Locale.ROOT)
                    + " needs --ssl-ca (the CA certificates client certificates must chain to)");
        }
        TlsSettings.Builder b = TlsSettings.builder(keys).clientAuth(clientAuth).protocols(protocols)
                .cipherSuites(cipherSuites);
        if (caBundle != null) {
            b.caBundle(caBundle);
        }
        try {
            return Optional.of(b.build());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private KeySource keys() throws UsageException {
        boolean pem = certificate != null || key != null;
        if (pem && keystore != null) {
            throw new UsageException("--ssl-keystore: give either --ssl-cert and --ssl-key, or --ssl-keystore, not "
                    + "both");
        }
        if (keystore != null) {
            if (password == null) {
                throw new UsageException("--ssl-keystore: needs --ssl-keystore-password");
            }
            if (chain != null) {
                throw new UsageException("--ssl-chain: only with --ssl-cert (a keystore holds its own chain)");
            }
            return new KeySource.KeyStoreFile(keystore, password);
        }
        if (password != null) {
            throw new UsageException("--ssl-keystore-password: needs --ssl-keystore");
        }
        if (certificate == null && key == null) {
            throw new UsageException(first + ": needs a certificate: --ssl-cert and --ssl-key, or --ssl-keystore");
        }
        if (key == null) {
            throw new UsageException("--ssl-cert: needs --ssl-key (the certificate's private key)");
        }
        if (certificate == null) {
            throw new UsageException("--ssl-key: needs --ssl-cert (the certificate the key belongs to)");
        }
        return new KeySource.PemFiles(certificate, key, Optional.ofNullable(chain));
    }
}
