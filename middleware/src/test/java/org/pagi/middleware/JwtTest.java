package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.pagi.middleware.Jwt.Algorithm;
import org.pagi.middleware.Jwt.InvalidTokenException;

class JwtTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long T = NOW.getEpochSecond();

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(Jwt.Verifier v, String token) {
        return assertThrows(InvalidTokenException.class, () -> v.verify(token)).getMessage();
    }

    @Test
    void eachAlgorithmSignsAndVerifiesAndEs256UsesTheRaw64ByteSignature() {
        Jwt.Verifier v = JwtKeys.allThree().clock(CLOCK).build();
        for (Algorithm alg : Algorithm.values()) {
            String token = Jwt.sign(alg, JwtKeys.signing(alg), Map.of("sub", "alice", "exp", T + 60));
            assertEquals("alice", v.verify(token).get("sub"), alg.name());
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    StandardCharsets.UTF_8);
            assertTrue(header.contains("\"alg\":\"" + alg + "\""), header);
        }
        String es = Jwt.sign(Algorithm.ES256, JwtKeys.EC.getPrivate(), Map.of("sub", "x"));
        assertEquals(64, Base64.getUrlDecoder().decode(es.substring(es.lastIndexOf('.') + 1)).length);
    }

    @Test
    void theAlgorithmIsDecidedByTheConfiguredKeysNeverByTheToken() {
        Jwt.Verifier rsOnly = Jwt.verifier().key(Algorithm.RS256, JwtKeys.RSA.getPublic()).clock(CLOCK).build();
        String unsigned = b64("{\"alg\":\"none\"}") + "." + b64("{\"sub\":\"mallory\"}") + ".";
        assertEquals("algorithm not allowed: 'none'", reason(rsOnly, unsigned));
        assertEquals("algorithm not allowed: 'none'", reason(JwtKeys.allThree().build(), unsigned));
        // Key confusion: an HS256 token whose secret is the RSA public key the attacker knows.
        String confused = Jwt.sign(Algorithm.HS256, new SecretKeySpec(JwtKeys.RSA.getPublic().getEncoded(),
                "HmacSHA256"), Map.of("sub", "mallory"));
        assertEquals("algorithm not allowed: 'HS256'", reason(rsOnly, confused));
        String byOtherKey = Jwt.sign(Algorithm.HS256, new SecretKeySpec(new byte[32], "HmacSHA256"), Map.of());
        assertEquals("bad signature", reason(JwtKeys.allThree().build(), byOtherKey));
    }

    @Test
    void expAndNbfAreCheckedWithLeeway() {
        Jwt.Verifier v = JwtKeys.allThree().clock(CLOCK).build();
        Jwt.Verifier strict = JwtKeys.allThree().clock(CLOCK).leeway(Duration.ZERO).build();
        String expiredRecently = Jwt.sign(Algorithm.HS256, JwtKeys.HMAC, Map.of("exp", T - 10));
        assertEquals(T - 10, ((Number) v.verify(expiredRecently).get("exp")).longValue(), "30 s leeway by default");
        assertEquals("token expired", reason(strict, expiredRecently));
        assertEquals("token expired", reason(v, Jwt.sign(Algorithm.HS256, JwtKeys.HMAC, Map.of("exp", T - 31))));
        String soon = Jwt.sign(Algorithm.HS256, JwtKeys.HMAC, Map.of("nbf", T + 10));
        v.verify(soon);
        assertEquals("token not yet valid", reason(strict, soon));
        assertEquals("exp is not a number of seconds",
                reason(v, Jwt.sign(Algorithm.HS256, JwtKeys.HMAC, Map.of("exp", "tomorrow"))));
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() {
        Jwt.Verifier v = JwtKeys.allThree().issuer("https://id.example").audience("api").clock(CLOCK).build();
        v.verify(Jwt.sign(Algorithm.ES256, JwtKeys.EC.getPrivate(), Map.of("iss", "https://id.example", "aud", "api")));
        v.verify(Jwt.sign(Algorithm.RS256, JwtKeys.RSA.getPrivate(), Map.of("iss", "https://id.example",
                "aud", List.of("web", "api"))));
        assertEquals("wrong issuer", reason(v, Jwt.sign(Algorithm.HS256, JwtKeys.HMAC, Map.of("aud", "api"))));
        assertEquals("wrong audience", reason(v, Jwt.sign(Algorithm.HS256, JwtKeys.HMAC,
                Map.of("iss", "https://id.example", "aud", "web"))));
        JwtKeys.allThree().build().verify(Jwt.sign(Algorithm.HS256, JwtKeys.HMAC, Map.of("iss", "anyone")));
    }

    @Test
    void malformedTokensGetAReason() {
        Jwt.Verifier v = JwtKeys.allThree().build();
        String good = Jwt.sign(Algorithm.HS256, JwtKeys.HMAC, Map.of("sub", "a"));
        assertEquals("a token has three dot-separated parts, got 2", reason(v, "a.b"));
        assertEquals("header is not base64url", reason(v, "!!" + good.substring(good.indexOf('.'))));
        assertEquals("signature is not canonical base64url", reason(v, good + "="));
        assertEquals("header is not a JSON object", reason(v, b64("[1]") + ".e30.AA"));
        assertEquals("header is not JSON", reason(v, b64("{") + ".e30.AA"));
        assertEquals("critical header extensions are not supported",
                reason(v, b64("{\"alg\":\"HS256\",\"crit\":[\"x\"]}") + ".e30.AA"));
        assertEquals("token longer than 8192 characters", reason(v, "a".repeat(8193)));
    }

    @Test
    void weakOrMismatchedKeysAreRefusedNamingTheKey() throws Exception {
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        for (Runnable bad : List.<Runnable>of(
                () -> Jwt.verifier().build(),
                () -> Jwt.verifier().key(Algorithm.HS256, new SecretKeySpec(new byte[31], "HmacSHA256")).build(),
                () -> Jwt.verifier().key(Algorithm.HS256, JwtKeys.RSA.getPublic()).build(),
                () -> Jwt.verifier().key(Algorithm.RS256, small.generateKeyPair().getPublic()).build(),
                () -> Jwt.verifier().key(Algorithm.RS256, JwtKeys.RSA.getPrivate()).build(),
                () -> Jwt.verifier().key(Algorithm.ES256, JwtKeys.RSA.getPublic()).build())) {
            var e = assertThrows(IllegalArgumentException.class, bad::run);
            assertTrue(e.getMessage().startsWith("key"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> JwtKeys.allThree().leeway(Duration.ofHours(1)).build());
        assertTrue(e.getMessage().startsWith("leeway"), e.getMessage());
    }
}
