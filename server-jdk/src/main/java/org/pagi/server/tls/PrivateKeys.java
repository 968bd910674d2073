package org.pagi.server.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.Map;

/**
 * Private keys from PEM with JDK APIs only. PKCS#8 ({@code PRIVATE KEY}) is what {@code KeyFactory} reads; the
 * older OpenSSL forms are put into a PKCS#8 envelope first: PKCS#1 ({@code RSA PRIVATE KEY}, RFC 8017 appendix
 * A.1.2) as the private key of an {@code rsaEncryption} algorithm identifier, SEC 1 ({@code EC PRIVATE KEY},
 * RFC 5915) as that of {@code id-ecPublicKey} with the curve its parameters name (RFC 5208 section 5). Also checks
 * that a key belongs to a certificate, by signing with it and verifying with the certificate's public key.
 * Stateless.
 */
final class PrivateKeys {
    /** DER of OID 1.2.840.113549.1.1.1, rsaEncryption. */
    private static final byte[] RSA = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
    /** DER of OID 1.2.840.10045.2.1, id-ecPublicKey. */
    private static final byte[] EC = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    /** The algorithm identifiers a PKCS#8 key may carry, by their OID's DER content. */
    private static final Map<String, String> ALGORITHMS = Map.of(
            hex(RSA), "RSA",
            hex(EC), "EC",
            "2a864886f70d01010a", "RSASSA-PSS", // 1.2.840.113549.1.1.10
            "2b6570", "Ed25519", // 1.3.101.112
            "2b6571", "Ed448", // 1.3.101.113
            "2a8648ce380401", "DSA"); // 1.2.840.10040.4.1

    private PrivateKeys() {
    }

    /**
     * @return the first private key among {@code blocks}
     * @throws TlsSetupException when there is none, it is encrypted, or it cannot be read; naming {@code file}
     */
    static PrivateKey from(List<Pem.Block> blocks, Path file) throws TlsSetupException {
        for (Pem.Block b : blocks) {
            switch (b.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(b.der(), file);
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(fromPkcs1(b.der()), file);
                }
                case "EC PRIVATE KEY" -> {
                    return pkcs8(fromSec1(b.der(), file), file);
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new TlsSetupException(file + ": the private key is encrypted; "
                        + "decrypt it first: openssl pkey -in " + file + " -out key.pem");
                default -> {
                    // certificates and parameters beside the key are allowed
                }
            }
        }
        throw new TlsSetupException(file + ": no private key (expected a BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or "
                + "BEGIN EC PRIVATE KEY block)");
    }

    /** @return the PKCS#8 PrivateKeyInfo holding a PKCS#1 RSAPrivateKey */
    static byte[] fromPkcs1(byte[] pkcs1) {
        byte[] algorithm = Der.encode(Der.SEQUENCE, Der.encode(Der.OID, RSA), Der.encode(Der.NULL));
        return Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}), algorithm,
                Der.encode(Der.OCTET_STRING, pkcs1));
    }

    /** @return the PKCS#8 PrivateKeyInfo holding a SEC 1 ECPrivateKey, its curve taken from the key */
    static byte[] fromSec1(byte[] sec1, Path file) throws TlsSetupException {
        byte[] curve = null;
        try {
            for (Der.Tlv child : Der.read(sec1).children()) {
                if (child.tag() == Der.CONTEXT_0) {
                    Der.Tlv oid = Der.read(child.value());
                    if (oid.tag() == Der.OID) {
                        curve = oid.value();
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw new TlsSetupException(file + ": the EC private key is not valid DER: " + e.getMessage());
        }
        if (curve == null) {
            throw new TlsSetupException(file + ": the EC private key does not name its curve; convert it with: "
                    + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
        }
        byte[] algorithm = Der.encode(Der.SEQUENCE, Der.encode(Der.OID, EC), Der.encode(Der.OID, curve));
        return Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}), algorithm,
                Der.encode(Der.OCTET_STRING, sec1));
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws TlsSetupException {
        String algorithm = algorithm(der, file);
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(file + ": cannot read the " + algorithm + " private key: " + e.getMessage(), e);
        }
    }

    /** @return the JDK name of a PKCS#8 key's algorithm, from its AlgorithmIdentifier */
    static String algorithm(byte[] pkcs8, Path file) throws TlsSetupException {
        byte[] oid;
        try {
            List<Der.Tlv> info = Der.read(pkcs8).children();
            oid = info.get(1).children().get(0).value();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new TlsSetupException(file + ": the private key is not valid PKCS#8 DER");
        }
        String name = ALGORITHMS.get(hex(oid));
        if (name == null) {
            throw new TlsSetupException(file + ": unsupported private key algorithm (OID bytes " + hex(oid)
                    + "); use an RSA, EC or Ed25519 key");
        }
        return name;
    }

    /**
     * @return whether {@code key} is the private half of {@code certificateKey}: a signature made with one
     *         verifies with the other. Keys of an algorithm without a plain signature scheme are taken as matching.
     */
    static boolean matches(PrivateKey key, PublicKey certificateKey) {
        String keyAlgorithm = family(key.getAlgorithm());
        if (!keyAlgorithm.equals(family(certificateKey.getAlgorithm()))) {
            return false;
        }
        try {
            Signature signer = signature(key.getAlgorithm());
            if (signer == null) {
                return true;
            }
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signed = signer.sign();
            Signature verifier = signature(key.getAlgorithm());
            verifier.initVerify(certificateKey);
            verifier.update(challenge);
            return verifier.verify(signed);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String family(String algorithm) {
        return switch (algorithm) {
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            default -> algorithm;
        };
    }

    private static Signature signature(String algorithm) throws GeneralSecurityException {
        return switch (algorithm) {
            case "RSA" -> Signature.getInstance("SHA256withRSA");
            case "EC" -> Signature.getInstance("SHA256withECDSA");
            case "DSA" -> Signature.getInstance("SHA256withDSA");
            case "Ed25519", "Ed448", "EdDSA" -> Signature.getInstance("EdDSA");
            case "RSASSA-PSS" -> {
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield s;
            }
            default -> null;
        };
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(String.format("%02x", b & 0xFF));
        }
        return out.toString();
    }
}
