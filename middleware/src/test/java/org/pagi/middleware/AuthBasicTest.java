package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketDeniedException;

class AuthBasicTest {
    private static final AuthBasic ALICE = AuthBasic.builder().user("alice", "s3cret:with colon").build();

    static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    private static TestResponse get(AuthBasic mw, String path, String authorization) {
        var req = TestClient.of(mw.wrap(WhoAmI.APP)).get(path);
        return (authorization == null ? req : req.header("authorization", authorization)).send();
    }

    @Test
    void validCredentialsReachTheApplicationWithTheIdentityAndTheStreamIntact() {
        TestResponse res = get(ALICE, "/", basic("alice:s3cret:with colon"));
        assertEquals(200, res.status());
        assertEquals("hello basic:alice", res.text());
        assertEquals(List.of("hello ", "basic:alice"), res.chunks().stream().map(org.pagi.spec.Bytes::utf8)
                .filter(c -> !c.isEmpty()).toList(), "the streamed body is forwarded event by event");
        assertEquals(200, get(ALICE, "/", "bAsIc " + basic("alice:s3cret:with colon").substring(6)).status(),
                "the scheme is case-insensitive");
    }

    @Test
    void missingWrongOrMalformedCredentialsGet401WithTheDefaultChallenge() {
        for (String bad : new String[] {null, basic("alice:wrong"), basic("bob:s3cret:with colon"), basic("alice"),
                "Basic !!!notbase64", "Basic", "Bearer abc", basic("alice:s3cret:with colo")}) {
            TestResponse res = get(ALICE, "/", bad);
            assertEquals(401, res.status(), String.valueOf(bad));
            assertEquals("Basic realm=\"Restricted\", charset=\"UTF-8\"", res.header("www-authenticate").orElseThrow());
            assertEquals("Unauthorized", res.text());
        }
        var twoHeaders = TestClient.of(ALICE.wrap(WhoAmI.APP)).get("/").header("authorization",
                basic("alice:s3cret:with colon")).header("authorization", basic("alice:s3cret:with colon")).send();
        assertEquals(401, twoHeaders.status(), "two Authorization headers are ambiguous");
    }

    @Test
    void anAuthenticatorRealmPathsAndExcludesAreHonoured() {
        AuthBasic mw = AuthBasic.builder().authenticator((u, p) -> u.equals("ops") && p.equals("pw"))
                .realm("Admin area").path("/admin").exclude("/admin/health").build();
        assertEquals(200, get(mw, "/public", null).status());
        assertEquals("hello anonymous", get(mw, "/administrator", null).text(), "segment boundary");
        assertEquals(200, get(mw, "/admin/health", null).status());
        TestResponse denied = get(mw, "/admin/users", null);
        assertEquals(401, denied.status());
        assertEquals("Basic realm=\"Admin area\", charset=\"UTF-8\"", denied.header("www-authenticate").orElseThrow());
        assertEquals("hello basic:ops", get(mw, "/admin", basic("ops:pw")).text());
        AuthBasic throwing = AuthBasic.builder().authenticator((u, p) -> {
            throw new IllegalStateException("directory down");
        }).build();
        assertEquals(401, get(throwing, "/", basic("ops:pw")).status(), "a failing check refuses");
    }

    @Test
    void headWebSocketAndSseAreGuardedAndOtherScopesPass() {
        TestClient client = TestClient.of(ALICE.wrap(WhoAmI.APP));
        var head = client.head("/").send();
        assertEquals(401, head.status());
        assertEquals("", head.text());
        assertEquals(200, client.head("/").header("authorization", basic("alice:s3cret:with colon")).send().status());
        var denied = assertThrows(WebSocketDeniedException.class, () -> client.websocket("/").connect());
        assertEquals(401, denied.status());
        assertTrue(denied.headers().first("www-authenticate").isPresent());
        assertEquals("basic:alice", client.websocket("/").header("authorization", basic("alice:s3cret:with colon"))
                .connect().receiveText());
        var sse = client.sse("/").open();
        assertTrue(sse.declined());
        assertEquals(401, sse.status());
        assertEquals("basic:alice", client.sse("/").header("authorization", basic("alice:s3cret:with colon")).open()
                .next().data());
        PassThrough.untouched(ALICE, PassThrough.Kind.LIFESPAN);
        PassThrough.untouched(AuthBasic.builder().user("a", "b").path("/private").build(), PassThrough.Kind.values());
    }

    @Test
    void contradictoryOrUnsafeConfigurationIsRefusedNamingTheOption() {
        record Case(String option, Runnable build) { }
        for (Case c : List.of(
                new Case("authenticator", () -> AuthBasic.builder().build()),
                new Case("authenticator", () -> AuthBasic.builder().user("a", "b").authenticator((u, p) -> true).build()),
                new Case("user", () -> AuthBasic.builder().user("a:b", "c")),
                new Case("realm", () -> AuthBasic.builder().user("a", "b").realm("say \"hi\"").build()),
                new Case("paths", () -> AuthBasic.builder().user("a", "b").path("admin").build()),
                new Case("exclude", () -> AuthBasic.builder().user("a", "b").exclude("health").build()))) {
            var e = assertThrows(IllegalArgumentException.class, c.build()::run);
            assertTrue(e.getMessage().startsWith(c.option()), e.getMessage());
        }
    }
}
