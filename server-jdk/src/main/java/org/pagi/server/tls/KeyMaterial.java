package org.pagi.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The server's private key and certificate chain, loaded from a {@link KeySource} and checked: the key must belong
 * to the certificate (an error), and the certificate should be valid today (a warning: the server starts, clients
 * will refuse it). The result is an in-memory keystore for the JDK's {@code KeyManagerFactory}.
 *
 * @param store    a keystore holding the key entries to serve
 * @param password the password of those entries in {@code store}
 * @param leaf     the server certificate (of the first key entry)
 * @param warnings what an operator should hear about, each naming the file
 */
record KeyMaterial(KeyStore store, char[] password, X509Certificate leaf, List<String> warnings) {

    /**
     * @throws TlsSetupException when a file is missing or unreadable, a password is wrong, or a key is not the
     *                           certificate's
     */
    static KeyMaterial load(KeySource source) throws TlsSetupException {
        return switch (source) {
            case KeySource.PemFiles pem -> fromPem(pem);
            case KeySource.KeyStoreFile ks -> fromKeyStore(ks);
        };
    }

    private static KeyMaterial fromPem(KeySource.PemFiles pem) throws TlsSetupException {
        List<X509Certificate> chain = new ArrayList<>(certificates(Pem.read(pem.certificate()), pem.certificate()));
        if (chain.isEmpty()) {
            throw new TlsSetupException(pem.certificate() + ": no certificate (expected a BEGIN CERTIFICATE block)");
        }
        if (pem.chain().isPresent()) {
            List<X509Certificate> more = certificates(Pem.read(pem.chain().get()), pem.chain().get());
            if (more.isEmpty()) {
                throw new TlsSetupException(pem.chain().get() + ": no certificate (expected BEGIN CERTIFICATE blocks)");
            }
            chain.addAll(more);
        }
        PrivateKey key = PrivateKeys.from(Pem.read(pem.privateKey()), pem.privateKey());
        if (!PrivateKeys.matches(key, chain.get(0).getPublicKey())) {
            throw new TlsSetupException(pem.privateKey() + ": this private key does not belong to the certificate in "
                    + pem.certificate() + " (" + subject(chain.get(0)) + ")");
        }
        char[] password = "pagi-in-memory".toCharArray();
        KeyStore store = emptyStore();
        try {
            store.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
        } catch (KeyStoreException e) {
            throw new TlsSetupException(pem.chain().orElse(pem.certificate()) + ": the certificates do not form a "
                    + "chain: each must be signed by the next, the server's own first", e);
        }
        return new KeyMaterial(store, password, chain.get(0), warnings(chain.get(0), pem.certificate()));
    }

    /** @return an empty in-memory PKCS#12 keystore */
    static KeyStore emptyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot make an empty PKCS#12 keystore", e);
        }
    }

    private static KeyMaterial fromKeyStore(KeySource.KeyStoreFile source) throws TlsSetupException {
        Path file = source.keystore();
        char[] password = source.password().toCharArray();
        KeyStore store = open(file, password);
        X509Certificate leaf = null;
        List<String> warnings = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = key(store, alias, password, file);
                Certificate[] chain = store.getCertificateChain(alias);
                if (!(key instanceof PrivateKey pk) || chain == null || chain.length == 0
                        || !(chain[0] instanceof X509Certificate cert)) {
                    continue; // a secret key entry, or a key without certificates: nothing to serve with
                }
                if (!PrivateKeys.matches(pk, cert.getPublicKey())) {
                    throw new TlsSetupException(file + ": the private key of entry '" + alias
                            + "' does not belong to its certificate (" + subject(cert) + ")");
                }
                warnings.addAll(warnings(cert, file));
                if (leaf == null) {
                    leaf = cert;
                }
            }
        } catch (KeyStoreException e) {
            throw new TlsSetupException(file + ": cannot read the keystore: " + e.getMessage(), e);
        }
        if (leaf == null) {
            throw new TlsSetupException(file + ": the keystore holds no private key with a certificate");
        }
        return new KeyMaterial(store, password, leaf, List.copyOf(warnings));
    }

    private static KeyStore open(Path file, char[] password) throws TlsSetupException {
        if (!Files.isRegularFile(file)) {
            throw new TlsSetupException(file + ": no such file");
        }
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            boolean wrongPassword = e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password");
            if (wrongPassword) {
                throw new TlsSetupException(file + ": wrong keystore password (--ssl-keystore-password), or the file "
                        + "is damaged", e);
            }
            throw new TlsSetupException(file + ": cannot read the keystore: " + e.getMessage(), e);
        } catch (KeyStoreException e) {
            throw new TlsSetupException(file + ": not a PKCS#12 or JKS keystore", e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(file + ": cannot read the keystore: " + e.getMessage(), e);
        }
    }

    private static Key key(KeyStore store, String alias, char[] password, Path file) throws TlsSetupException {
        try {
            return store.getKey(alias, password);
        } catch (UnrecoverableKeyException e) {
            throw new TlsSetupException(file + ": the key of entry '" + alias + "' has a password other than the "
                    + "keystore's; give both the same password", e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(file + ": cannot read the key of entry '" + alias + "': " + e.getMessage(), e);
        }
    }

    /** @return the X.509 certificates among {@code blocks}, in order */
    static List<X509Certificate> certificates(List<Pem.Block> blocks, Path file) throws TlsSetupException {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        for (Pem.Block b : blocks) {
            if (!b.label().equals("CERTIFICATE")) {
                continue;
            }
            try {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            } catch (CertificateException e) {
                throw new TlsSetupException(file + ": certificate " + (out.size() + 1) + " cannot be read: "
                        + e.getMessage(), e);
            }
        }
        return out;
    }

    /** An expired certificate still starts the server (it may be renewed while running elsewhere), loudly. */
    static List<String> warnings(X509Certificate cert, Path file) {
        try {
            cert.checkValidity();
            return List.of();
        } catch (CertificateExpiredException e) {
            return List.of(file + ": the certificate " + subject(cert) + " expired on " + cert.getNotAfter().toInstant()
                    + "; clients will refuse it");
        } catch (CertificateNotYetValidException e) {
            return List.of(file + ": the certificate " + subject(cert) + " is not valid before "
                    + cert.getNotBefore().toInstant() + "; clients will refuse it until then");
        }
    }

    static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
    }
}
