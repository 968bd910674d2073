package org.pagi.middleware;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** One key per algorithm, made once: RSA generation is slow. */
final class JwtKeys {
    static final SecretKeySpec HMAC = new SecretKeySpec(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), "HmacSHA256");
    static final KeyPair RSA = pair("RSA", 2048);
    static final KeyPair EC = pair("EC", 0);

    private JwtKeys() {
    }

    static Key signing(Jwt.Algorithm alg) {
        return switch (alg) {
            case HS256 -> HMAC;
            case RS256 -> RSA.getPrivate();
            case ES256 -> EC.getPrivate();
        };
    }

    static Key verifying(Jwt.Algorithm alg) {
        return switch (alg) {
            case HS256 -> HMAC;
            case RS256 -> RSA.getPublic();
            case ES256 -> EC.getPublic();
        };
    }

    static Jwt.Verifier.Builder allThree() {
        Jwt.Verifier.Builder b = Jwt.verifier();
        for (Jwt.Algorithm alg : Jwt.Algorithm.values()) {
            b.key(alg, verifying(alg));
        }
        return b;
    }

    private static KeyPair pair(String type, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(type);
            if (bits > 0) {
                g.initialize(bits);
            } else {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
