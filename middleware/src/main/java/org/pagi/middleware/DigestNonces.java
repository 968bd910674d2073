package org.pagi.middleware;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Digest nonces that need no table to issue: {@code base64url(time || random || HMAC(time || random))}, so any
 * instance holding the secret can check one and tell its age. Replays are caught by a bounded table of the highest
 * {@code nc} per nonce in use; a nonce that fell out of the table (or was issued before one that did) is treated as
 * stale, so eviction never lets a replay through: the client just fetches a fresh nonce.
 */
final class DigestNonces {
    /** What a nonce check found. */
    enum Verdict { OK, STALE, INVALID, REPLAYED }

    private static final int STAMP = 8;
    private static final int RANDOM = 16;
    private static final int TAG = 16;
    private static final SecureRandom RNG = new SecureRandom();

    private final SecretKeySpec key;
    private final Duration ttl;
    private final int maxTracked;
    private final Clock clock;
    private final LinkedHashMap<String, Long> lastCount = new LinkedHashMap<>();
    private long floorMillis = Long.MIN_VALUE;   // nonces issued at or before this and not tracked: stale

    DigestNonces(byte[] secret, Duration ttl, int maxTracked, Clock clock) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.ttl = ttl;
        this.maxTracked = maxTracked;
        this.clock = clock;
    }

    String issue() {
        byte[] body = new byte[STAMP + RANDOM];
        ByteBuffer.wrap(body).putLong(clock.millis());
        byte[] random = new byte[RANDOM];
        RNG.nextBytes(random);
        System.arraycopy(random, 0, body, STAMP, RANDOM);
        byte[] nonce = Arrays.copyOf(body, body.length + TAG);
        System.arraycopy(tag(body), 0, nonce, body.length, TAG);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    /** Checks the nonce's signature and age, then that {@code count} is above any seen for it. */
    Verdict check(String nonce, long count) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Verdict.INVALID;
        }
        if (raw.length != STAMP + RANDOM + TAG
                || !Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(nonce)) {   // one spelling per nonce
            return Verdict.INVALID;
        }
        byte[] body = Arrays.copyOf(raw, STAMP + RANDOM);
        if (!MessageDigest.isEqual(tag(body), Arrays.copyOfRange(raw, STAMP + RANDOM, raw.length))) {
            return Verdict.INVALID;
        }
        long issued = ByteBuffer.wrap(body).getLong();
        long now = clock.millis();
        if (now - issued > ttl.toMillis() || issued > now + 1000) {
            return Verdict.STALE;
        }
        synchronized (lastCount) {
            Long last = lastCount.get(nonce);
            if (last == null) {
                if (issued <= floorMillis) {
                    return Verdict.STALE;
                }
            } else if (count <= last) {
                return Verdict.REPLAYED;
            }
            lastCount.put(nonce, count);
            while (lastCount.size() > maxTracked) {
                Map.Entry<String, Long> eldest = lastCount.entrySet().iterator().next();
                floorMillis = Math.max(floorMillis, ByteBuffer.wrap(Base64.getUrlDecoder().decode(eldest.getKey()))
                        .getLong());
                lastCount.remove(eldest.getKey());
            }
            return Verdict.OK;
        }
    }

    int tracked() {
        synchronized (lastCount) {
            return lastCount.size();
        }
    }

    private byte[] tag(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(body), TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
