package org.pagi.middleware;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps the whole session in the token itself, encrypted and authenticated with AES-256-GCM, so the server holds
 * nothing. Token: base64url (no padding) of a 12-byte random nonce followed by the ciphertext and 16-byte tag of
 * {@code id, issuedAt, lastSeen, entries}. Each key is derived from a secret with HKDF-SHA256. Several secrets allow
 * rotation: the first encrypts, any decrypts. A forged, damaged or foreign token loads as no session.
 *
 * <p>Because nothing is kept on the server, {@link #delete(String)} cannot revoke a token already issued: a
 * regenerated or destroyed session's old cookie stays decryptable until its expiry ({@link Session} checks
 * issued-at and last-seen, which are inside the encrypted payload). Use {@link MemorySessionStore} where revocation
 * must be immediate. Browsers drop cookies over 4093 bytes; the cookie {@link SessionState} refuses to emit one.
 */
public final class CookieSessionStore implements SessionStore {

    /** The fewest bytes (UTF-8) a secret may have. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<SecretKeySpec> keys;

    private CookieSessionStore(List<SecretKeySpec> keys) {
        this.keys = List.copyOf(keys);
    }

    /** @return a builder; at least one secret is required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<Record> load(String token) {
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (sealed.length < NONCE + TAG_BITS / 8 + 1) {
            return Optional.empty();
        }
        for (SecretKeySpec key : keys) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
                cipher.updateAAD(new byte[] {VERSION});
                return Record.decode(cipher.doFinal(sealed, NONCE, sealed.length - NONCE));
            } catch (GeneralSecurityException e) {
                // not this key (or tampered): try the next one
            }
        }
        return Optional.empty();
    }

    @Override
    public String save(Record record) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(new byte[] {VERSION});
            byte[] body = cipher.doFinal(record.encode());
            byte[] sealed = new byte[NONCE + body.length];
            System.arraycopy(nonce, 0, sealed, 0, NONCE);
            System.arraycopy(body, 0, sealed, NONCE, body.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public void delete(String token) {
        // nothing is held on the server
    }

    /** Collects the secrets; {@link #build()} checks them, naming the option. */
    public static final class Builder {
        private final List<SecretKeySpec> keys = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a secret. The first one added encrypts; every one added decrypts, so to rotate, add the new secret
         * first and keep the old ones until their cookies have expired.
         *
         * @param value a secret of at least {@value CookieSessionStore#MIN_SECRET_BYTES} bytes (UTF-8), from a
         *              secure random source
         * @return this builder
         */
        public Builder secret(String value) {
            keys.add(new SecretKeySpec(Hkdf.sha256(Hkdf.secret("secret", value), "pagi-session-cookie",
                    "aes-256-gcm v1"), "AES"));
            return this;
        }

        /** @return the store */
        public CookieSessionStore build() {
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("secret is required");
            }
            return new CookieSessionStore(keys);
        }
    }
}
