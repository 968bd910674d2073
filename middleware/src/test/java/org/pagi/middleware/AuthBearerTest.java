package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pagi.middleware.Jwt.Algorithm;
import org.pagi.spec.Bytes;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketDeniedException;

class AuthBearerTest {
    private static final AuthBearer JWT = AuthBearer.builder().jwt(JwtKeys.allThree().build()).build();

    private static String token(Algorithm alg, Map<String, ?> claims) {
        return "Bearer " + Jwt.sign(alg, JwtKeys.signing(alg), claims);
    }

    private static TestResponse get(AuthBearer mw, String path, String authorization) {
        var req = TestClient.of(mw.wrap(WhoAmI.APP)).get(path);
        return (authorization == null ? req : req.header("authorization", authorization)).send();
    }

    @Test
    void aValidTokenReachesTheApplicationWithItsSubjectAndClaims() {
        for (Algorithm alg : Algorithm.values()) {
            TestResponse res = get(JWT, "/", token(alg, Map.of("sub", "alice")));
            assertEquals(200, res.status(), alg.name());
            assertEquals("hello bearer:alice", res.text());
            assertEquals(List.of("hello ", "bearer:alice"), res.chunks().stream().map(Bytes::utf8)
                    .filter(c -> !c.isEmpty()).toList(), "the streamed body is forwarded event by event");
        }
        var seen = new java.util.concurrent.atomic.AtomicReference<Identity>();
        TestClient.of(JWT.wrap((scope, receive, send) -> {
            seen.set(Identity.of(scope).orElseThrow());
            return WhoAmI.APP.call(scope, receive, send);
        })).get("/").header("authorization", token(Algorithm.HS256, Map.of("sub", "bob", "role", "admin"))).send();
        assertEquals(new Identity("bearer", "bob", Map.of("sub", "bob", "role", "admin")), seen.get());
        assertEquals("hello bearer:", get(JWT, "/", token(Algorithm.HS256, Map.of("role", "x"))).text(),
                "no sub: an empty name");
    }

    @Test
    void missingMalformedAndInvalidTokensGet401WithTheRfc6750Challenge() {
        TestResponse none = get(JWT, "/", null);
        assertEquals(401, none.status());
        assertEquals("Bearer realm=\"Bearer\"", none.header("www-authenticate").orElseThrow());
        assertEquals("Token required", none.text());
        assertEquals("Token required", get(JWT, "/", "Basic YTpi").text(), "another scheme is no token");
        TestResponse malformed = get(JWT, "/", "Bearer a b");
        assertEquals(401, malformed.status());
        assertEquals("Bearer realm=\"Bearer\", error=\"invalid_request\"", malformed.header("www-authenticate")
                .orElseThrow());
        for (String bad : new String[] {"Bearer abc", token(Algorithm.HS256, Map.of("exp", 1)),
                "Bearer " + Jwt.sign(Algorithm.HS256, new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"),
                        Map.of("sub", "mallory"))}) {
            TestResponse res = get(JWT, "/", bad);
            assertEquals(401, res.status(), bad);
            assertEquals("Bearer realm=\"Bearer\", error=\"invalid_token\"", res.header("www-authenticate")
                    .orElseThrow());
            assertEquals("Invalid token", res.text(), "the reason stays on the server");
        }
    }

    @Test
    void aCustomValidatorRealmPathsAndExcludesAreHonoured() {
        AuthBearer mw = AuthBearer.builder().validator(t -> t.equals("opaque-123")
                        ? Optional.of(Map.<String, Object>of("sub", "svc")) : Optional.empty())
                .realm("api").path("/api").exclude("/api/status").build();
        assertEquals("hello anonymous", get(mw, "/", null).text());
        assertEquals("hello anonymous", get(mw, "/apis", null).text());
        assertEquals(200, get(mw, "/api/status", null).status());
        assertEquals("Bearer realm=\"api\"", get(mw, "/api/x", null).header("www-authenticate").orElseThrow());
        assertEquals("hello bearer:svc", get(mw, "/api/x", "Bearer opaque-123").text());
        assertEquals(401, get(mw, "/api/x", "Bearer opaque-124").status());
        AuthBearer throwing = AuthBearer.builder().validator(t -> {
            throw new IllegalStateException("introspection down");
        }).build();
        assertEquals(401, get(throwing, "/", "Bearer x").status());
        assertEquals(401, get(AuthBearer.builder().validator(t -> null).build(), "/", "Bearer x").status());
    }

    @Test
    void headWebSocketAndSseAreGuardedAndOtherScopesPass() {
        TestClient client = TestClient.of(JWT.wrap(WhoAmI.APP));
        String ok = token(Algorithm.ES256, Map.of("sub", "carol"));
        var head = client.head("/").send();
        assertEquals(401, head.status());
        assertEquals("", head.text());
        assertEquals(200, client.head("/").header("authorization", ok).send().status());
        var denied = assertThrows(WebSocketDeniedException.class, () -> client.websocket("/").connect());
        assertEquals(401, denied.status());
        assertEquals("bearer:carol", client.websocket("/").header("authorization", ok).connect().receiveText());
        var sse = client.sse("/").open();
        assertTrue(sse.declined());
        assertEquals(401, sse.status());
        assertEquals("bearer:carol", client.sse("/").header("authorization", ok).open().next().data());
        PassThrough.untouched(JWT, PassThrough.Kind.LIFESPAN);
        PassThrough.untouched(AuthBearer.builder().jwt(JwtKeys.allThree().build()).path("/private").build(),
                PassThrough.Kind.values());
    }

    @Test
    void missingOrDoubleValidatorsAndBadOptionsAreRefused() {
        record Case(String option, Runnable build) { }
        for (Case c : List.of(
                new Case("validator", () -> AuthBearer.builder().build()),
                new Case("validator", () -> AuthBearer.builder().jwt(JwtKeys.allThree().build())
                        .validator(t -> Optional.empty())),
                new Case("realm", () -> AuthBearer.builder().validator(t -> Optional.empty()).realm("").build()),
                new Case("paths", () -> AuthBearer.builder().validator(t -> Optional.empty()).path("api").build()))) {
            var e = assertThrows(IllegalArgumentException.class, c.build()::run);
            assertTrue(e.getMessage().startsWith(c.option()), e.getMessage());
        }
    }
}
