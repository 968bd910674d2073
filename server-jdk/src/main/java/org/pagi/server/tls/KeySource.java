package org.pagi.server.tls;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where the server's private key and certificate chain come from: PEM files, or a PKCS#12 or JKS keystore. */
public sealed interface KeySource {

    /** @return the file a message about this source names first */
    Path file();

    /**
     * PEM files, as {@code openssl} and Let's Encrypt write them.
     *
     * @param certificate the server certificate, optionally followed by its intermediates (a "fullchain" file)
     * @param privateKey  the private key: PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519), PKCS#1
     *                    ({@code BEGIN RSA PRIVATE KEY}) or SEC 1 ({@code BEGIN EC PRIVATE KEY}), unencrypted
     * @param chain       intermediate certificates to send after the ones in {@code certificate}
     */
    record PemFiles(Path certificate, Path privateKey, Optional<Path> chain) implements KeySource {
        /** Checks for nulls. */
        public PemFiles {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(chain, "chain");
        }

        @Override
        public Path file() {
            return certificate;
        }
    }

    /**
     * A PKCS#12 or JKS keystore (the type is detected), whose key entries are protected by the store's password.
     *
     * @param keystore the keystore file
     * @param password its password; never printed
     */
    record KeyStoreFile(Path keystore, String password) implements KeySource {
        /** Checks for nulls. */
        public KeyStoreFile {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public Path file() {
            return keystore;
        }

        /** Leaves the password out, so a logged configuration never shows it. */
        @Override
        public String toString() {
            return "KeyStoreFile[keystore=" + keystore + ", password=***]";
        }
    }
}
