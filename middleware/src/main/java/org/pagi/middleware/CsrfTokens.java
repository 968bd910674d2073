package org.pagi.middleware;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link Csrf}'s tokens. A token is HMAC-SHA256 of what it is bound to (a session id, or the random value of the
 * CSRF cookie) under a key derived from the secret, so it cannot be forged without the secret nor moved to another
 * session. It travels masked: a fresh random 32-byte pad, then the HMAC XOR that pad, base64url. Each page thus
 * carries different bytes for the same token (BREACH cannot recover it from compressed responses), while any
 * masked form of it is accepted, as often as it is sent (not single-use). Thread-safe.
 */
final class CsrfTokens {
    private static final int SIZE = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    CsrfTokens(byte[] secret) {
        key = new SecretKeySpec(Hkdf.sha256(secret, "pagi-csrf", "hmac-sha256 v1"), "HmacSHA256");
    }

    /** @return the binding of a token to the session {@code id} */
    static String sessionBinding(String id) {
        return "session:" + id;
    }

    /** @return the binding of a token to the CSRF cookie's {@code value} */
    static String cookieBinding(String value) {
        return "cookie:" + value;
    }

    /** @return a new CSRF cookie value: 32 random bytes, base64url */
    static String newCookieValue() {
        byte[] bytes = new byte[SIZE];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    /** @return whether {@code value} has the shape {@link #newCookieValue()} gives (anything else is replaced) */
    static boolean isCookieValue(String value) {
        return decode(value).length == SIZE;
    }

    /** @return a freshly masked token bound to {@code binding} */
    String mint(String binding) {
        byte[] raw = mac(binding);
        byte[] out = new byte[2 * SIZE];
        byte[] pad = new byte[SIZE];
        RANDOM.nextBytes(pad);
        for (int i = 0; i < SIZE; i++) {
            out[i] = pad[i];
            out[SIZE + i] = (byte) (raw[i] ^ pad[i]);
        }
        return B64.encodeToString(out);
    }

    /** @return whether {@code token} is a masked form of the token bound to {@code binding}; constant time */
    boolean accepts(String token, String binding) {
        byte[] given = decode(token);
        if (given.length != 2 * SIZE) {
            return false;
        }
        byte[] unmasked = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            unmasked[i] = (byte) (given[i] ^ given[SIZE + i]);
        }
        return MessageDigest.isEqual(mac(binding), unmasked);
    }

    private byte[] mac(String binding) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(binding.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** @return the base64url bytes of {@code text}, or none when it is not base64url */
    private static byte[] decode(String text) {
        try {
            return Base64.getUrlDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
