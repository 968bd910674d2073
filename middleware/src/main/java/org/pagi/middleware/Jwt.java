package org.pagi.middleware;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.json.Json;

/**
 * JSON Web Tokens (RFC 7519) in compact JWS form, signed HS256, RS256 or ES256 with the JDK's crypto. A
 * {@link Verifier} accepts only the algorithms it holds a key for: the token's {@code alg} picks among those keys
 * and never makes one up, so {@code none} and a public key reused as an HMAC secret are refused. ES256 signatures
 * are JOSE's raw {@code R||S} (64 bytes), converted to and from the DER the JDK speaks. Base64url segments must be
 * canonical (no padding, unused bits zero), so every changed character changes the bytes verified.
 */
public final class Jwt {
    /** Longest token read; a longer one is refused before any decoding. */
    public static final int MAX_LENGTH = 8192;

    /** The signing algorithms supported. */
    public enum Algorithm {
        /** HMAC with SHA-256: a shared secret of at least 32 bytes. */
        HS256("HmacSHA256"),
        /** RSASSA-PKCS1-v1_5 with SHA-256: an RSA key of at least 2048 bits. */
        RS256("SHA256withRSA"),
        /** ECDSA on P-256 with SHA-256. */
        ES256("SHA256withECDSA");

        private final String jca;

        Algorithm(String jca) {
            this.jca = jca;
        }
    }

    /** A token that is malformed, badly signed, expired or not meant for us; the message says which. */
    public static final class InvalidTokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message what was wrong with the token */
        public InvalidTokenException(String message) {
            super(message);
        }
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Jwt() {
    }

    /**
     * @param algorithm how to sign
     * @param key       a {@link SecretKey} (HS256) or the {@link PrivateKey} (RS256, ES256)
     * @param claims    the payload: values Jackson can write
     * @return the compact token {@code header.payload.signature}
     * @throws IllegalArgumentException naming {@code key} when it does not suit the algorithm
     */
    public static String sign(Algorithm algorithm, Key key, Map<String, ?> claims) {
        checkKey(algorithm, key);
        String head = B64.encodeToString(Json.encode(Map.of("alg", algorithm.name(), "typ", "JWT")).toByteArray())
                + "." + B64.encodeToString(Json.encode(claims).toByteArray());
        byte[] input = head.getBytes(StandardCharsets.US_ASCII);
        try {
            byte[] sig;
            if (algorithm == Algorithm.HS256) {
                Mac mac = Mac.getInstance(algorithm.jca);
                mac.init(key);
                sig = mac.doFinal(input);
            } else {
                Signature s = Signature.getInstance(algorithm.jca);
                s.initSign((PrivateKey) key);
                s.update(input);
                sig = algorithm == Algorithm.ES256 ? EcdsaSignatures.derToRaw(s.sign()) : s.sign();
            }
            return head + "." + B64.encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key: cannot sign " + algorithm + ": " + e.getMessage(), e);
        }
    }

    /** @return a builder for a verifier: at least one key is required */
    public static Verifier.Builder verifier() {
        return new Verifier.Builder();
    }

    /** @throws IllegalArgumentException naming {@code key} when it cannot serve {@code algorithm} safely */
    static void checkKey(Algorithm algorithm, Key key) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        switch (algorithm) {
            case HS256 -> {
                if (!(key instanceof SecretKey) || key.getEncoded() == null || key.getEncoded().length < 32) {
                    throw new IllegalArgumentException("key: HS256 needs a secret key of at least 32 bytes");
                }
            }
            case RS256 -> {
                if (!(key instanceof RSAKey rsa) || rsa.getModulus().bitLength() < 2048) {
                    throw new IllegalArgumentException("key: RS256 needs an RSA key of at least 2048 bits");
                }
            }
            case ES256 -> {
                if (!(key instanceof ECKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                    throw new IllegalArgumentException("key: ES256 needs an EC key on P-256");
                }
            }
        }
    }

    /**
     * Verifies tokens against keys fixed by configuration and checks {@code exp}, {@code nbf} (with leeway) and,
     * when configured, {@code iss} and {@code aud}. Thread-safe.
     *
     * @param keys     the verification key per allowed algorithm ({@link SecretKey} or {@link PublicKey})
     * @param leeway   clock skew tolerated on {@code exp} and {@code nbf} (default 30 s)
     * @param issuer   the required {@code iss}; empty accepts any
     * @param audience the {@code aud} that must be (or be among) the token's; empty accepts any
     * @param clock    the time source
     */
    public record Verifier(Map<Algorithm, Key> keys, Duration leeway, Optional<String> issuer,
                           Optional<String> audience, Clock clock) {
        /** Checks the options, naming the one refused. */
        public Verifier {
            keys = Map.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("key: at least one algorithm and key are required");
            }
            keys.forEach((alg, key) -> {
                checkKey(alg, key);
                if (alg != Algorithm.HS256 && !(key instanceof PublicKey)) {
                    throw new IllegalArgumentException("key: " + alg + " verifies with the public key");
                }
            });
            Objects.requireNonNull(leeway, "leeway");
            if (leeway.isNegative() || leeway.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("leeway: between 0 and 5 minutes, got " + leeway);
            }
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(clock, "clock");
        }

        /**
         * @param token a compact JWS
         * @return its claims, when signed by one of the keys, current and meant for us
         * @throws InvalidTokenException saying what was wrong
         */
        public Map<String, Object> verify(String token) {
            Objects.requireNonNull(token, "token");
            if (token.length() > MAX_LENGTH) {
                throw new InvalidTokenException("token longer than " + MAX_LENGTH + " characters");
            }
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3) {
                throw new InvalidTokenException("a token has three dot-separated parts, got " + parts.length);
            }
            Map<String, Object> header = object(decode(parts[0], "header"), "header");
            if (!(header.get("alg") instanceof String alg)) {
                throw new InvalidTokenException("header has no alg");
            }
            if (header.containsKey("crit")) {
                throw new InvalidTokenException("critical header extensions are not supported");
            }
            Algorithm algorithm = Arrays.stream(Algorithm.values()).filter(a -> a.name().equals(alg)).findFirst()
                    .filter(keys::containsKey)
                    .orElseThrow(() -> new InvalidTokenException("algorithm not allowed: " + printable(alg)));
            byte[] sig = decode(parts[2], "signature");
            byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            if (!signatureValid(algorithm, keys.get(algorithm), input, sig)) {
                throw new InvalidTokenException("bad signature");
            }
            Map<String, Object> claims = object(decode(parts[1], "payload"), "payload");
            checkTimes(claims);
            issuer.ifPresent(iss -> {
                if (!iss.equals(claims.get("iss"))) {
                    throw new InvalidTokenException("wrong issuer");
                }
            });
            audience.ifPresent(aud -> {
                Object got = claims.get("aud");
                if (!(aud.equals(got) || got instanceof List<?> list && list.contains(aud))) {
                    throw new InvalidTokenException("wrong audience");
                }
            });
            return claims;
        }

        private void checkTimes(Map<String, Object> claims) {
            double now = clock.millis() / 1000.0;
            double slack = leeway.toMillis() / 1000.0;
            if (claims.containsKey("exp") && now > seconds(claims, "exp") + slack) {
                throw new InvalidTokenException("token expired");
            }
            if (claims.containsKey("nbf") && now + slack < seconds(claims, "nbf")) {
                throw new InvalidTokenException("token not yet valid");
            }
        }

        private static double seconds(Map<String, Object> claims, String name) {
            if (!(claims.get(name) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new InvalidTokenException(name + " is not a number of seconds");
            }
            return n.doubleValue();
        }

        /** Collects keys and checks. Not thread-safe; build once. */
        public static final class Builder {
            private final Map<Algorithm, Key> keys = new EnumMap<>(Algorithm.class);
            private Duration leeway = Duration.ofSeconds(30);
            private String issuer;
            private String audience;
            private Clock clock = Clock.systemUTC();

            private Builder() {
            }

            /**
             * @param algorithm an allowed algorithm
             * @param key       its verification key: a {@link SecretKey} of 32+ bytes (HS256), an RSA public key of
             *                  2048+ bits (RS256), an EC public key on P-256 (ES256)
             * @return this builder
             */
            public Builder key(Algorithm algorithm, Key key) {
                keys.put(Objects.requireNonNull(algorithm, "algorithm"), Objects.requireNonNull(key, "key"));
                return this;
            }

            /**
             * @param value clock skew tolerated on {@code exp} and {@code nbf} (default 30 s, at most 5 min)
             * @return this builder
             */
            public Builder leeway(Duration value) {
                leeway = Objects.requireNonNull(value, "leeway");
                return this;
            }

            /**
             * @param value the required {@code iss} (default: not checked)
             * @return this builder
             */
            public Builder issuer(String value) {
                issuer = Objects.requireNonNull(value, "issuer");
                return this;
            }

            /**
             * @param value the {@code aud} the token must name (default: not checked)
             * @return this builder
             */
            public Builder audience(String value) {
                audience = Objects.requireNonNull(value, "audience");
                return this;
            }

            /**
             * @param value the time source (default the system's UTC clock)
             * @return this builder
             */
            public Builder clock(Clock value) {
                clock = Objects.requireNonNull(value, "clock");
                return this;
            }

            /**
             * @return the verifier
             * @throws IllegalArgumentException naming the option when the configuration is refused
             */
            public Verifier build() {
                return new Verifier(keys, leeway, Optional.ofNullable(issuer), Optional.ofNullable(audience), clock);
            }
        }
    }

    private static boolean signatureValid(Algorithm algorithm, Key key, byte[] input, byte[] sig) {
        try {
            if (algorithm == Algorithm.HS256) {
                Mac mac = Mac.getInstance(algorithm.jca);
                mac.init(key);
                return MessageDigest.isEqual(mac.doFinal(input), sig);
            }
            Signature s = Signature.getInstance(algorithm.jca);
            s.initVerify((PublicKey) key);
            s.update(input);
            return s.verify(algorithm == Algorithm.ES256 ? EcdsaSignatures.rawToDer(sig) : sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] decode(String part, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException(what + " is not base64url");
        }
        if (!B64.encodeToString(bytes).equals(part)) {
            throw new InvalidTokenException(what + " is not canonical base64url");
        }
        return bytes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(byte[] json, String what) {
        try {
            Object value = Json.decode(Bytes.of(json), Object.class);
            if (value instanceof Map<?, ?> map) {
                return java.util.Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) map));
            }
        } catch (RuntimeException malformed) {
            throw new InvalidTokenException(what + " is not JSON");
        }
        throw new InvalidTokenException(what + " is not a JSON object");
    }

    private static String printable(String s) {
        String cut = s.length() > 20 ? s.substring(0, 20) : s;
        return cut.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? "'" + cut + "'" : "(unprintable)";
    }

    /** JOSE's fixed-size {@code R||S} for P-256 and the JDK's DER {@code SEQUENCE { INTEGER r, INTEGER s }}. */
    static final class EcdsaSignatures {
        private static final int HALF = 32;

        private EcdsaSignatures() {
        }

        static byte[] rawToDer(byte[] raw) {
            if (raw.length != 2 * HALF) {
                throw new IllegalArgumentException("an ES256 signature is 64 bytes, got " + raw.length);
            }
            byte[] r = integer(Arrays.copyOfRange(raw, 0, HALF));
            byte[] s = integer(Arrays.copyOfRange(raw, HALF, 2 * HALF));
            byte[] der = new byte[2 + r.length + s.length];
            der[0] = 0x30;
            der[1] = (byte) (r.length + s.length);
            System.arraycopy(r, 0, der, 2, r.length);
            System.arraycopy(s, 0, der, 2 + r.length, s.length);
            return der;
        }

        /** DER INTEGER of an unsigned big-endian value: minimal, with a 0 byte when the top bit is set. */
        private static byte[] integer(byte[] unsigned) {
            byte[] v = new BigInteger(1, unsigned).toByteArray();
            byte[] out = new byte[2 + v.length];
            out[0] = 0x02;
            out[1] = (byte) v.length;
            System.arraycopy(v, 0, out, 2, v.length);
            return out;
        }

        static byte[] derToRaw(byte[] der) {
            if (der.length < 8 || der[0] != 0x30 || (der[1] & 0xff) != der.length - 2) {
                throw new IllegalArgumentException("not a DER ECDSA signature");
            }
            byte[] raw = new byte[2 * HALF];
            int at = 2;
            for (int i = 0; i < 2; i++) {
                if (der[at] != 0x02) {
                    throw new IllegalArgumentException("not a DER ECDSA signature");
                }
                int len = der[at + 1] & 0xff;
                BigInteger value = new BigInteger(1, Arrays.copyOfRange(der, at + 2, at + 2 + len));
                byte[] v = value.toByteArray();
                int skip = v.length > HALF ? v.length - HALF : 0;   // the sign byte BigInteger adds
                System.arraycopy(v, skip, raw, i * HALF + HALF - (v.length - skip), v.length - skip);
                at += 2 + len;
            }
            return raw;
        }
    }
}
