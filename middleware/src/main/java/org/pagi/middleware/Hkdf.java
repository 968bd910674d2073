package org.pagi.middleware;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869), one 32-byte block out: a key per purpose from one secret. */
final class Hkdf {
    private Hkdf() {
    }

    static byte[] sha256(byte[] secret, String salt, String info) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // RFC 5869 2.2: no salt means HashLen zero bytes (an empty key is refused by the JDK)
            byte[] saltBytes = salt.isEmpty() ? new byte[32] : salt.getBytes(StandardCharsets.US_ASCII);
            mac.init(new SecretKeySpec(saltBytes, "HmacSHA256"));
            byte[] prk = mac.doFinal(secret);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(info.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** @return the UTF-8 bytes of {@code secret}, refused when shorter than 32, naming the option */
    static byte[] secret(String option, String secret) {
        byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalArgumentException(option + " must be at least 32 bytes, got " + bytes.length);
        }
        return bytes;
    }
}
