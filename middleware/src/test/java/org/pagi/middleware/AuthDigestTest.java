package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketDeniedException;

class AuthDigestTest {
    /** A clock the test moves. */
    static final class ManualClock extends Clock {
        final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    private static final AuthDigest ALICE = AuthDigest.builder().user("alice", "wonderland").build();

    /** The client side of RFC 7616: the nonce from the challenge for {@code algorithm}. */
    private static String nonce(TestResponse challenge, String algorithm) {
        String line = challenge.headers().all("www-authenticate").stream()
                .filter(h -> h.contains("algorithm=" + algorithm + ",")).findFirst().orElseThrow();
        return AuthDigest.params(line.substring("Digest ".length())).orElseThrow().get("nonce");
    }

    private static String authorization(String algorithm, String user, String password, String realm, String method,
                                        String uri, String nonce, String nc) {
        String ha1 = AuthDigest.hash(algorithm, user + ":" + realm + ":" + password);
        String ha2 = AuthDigest.hash(algorithm, method + ":" + uri);
        String response = AuthDigest.hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":c0ffee:auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", algorithm=" + algorithm + ", qop=auth, nc=" + nc + ", cnonce=\"c0ffee\", response=\""
                + response + "\"";
    }

    private static TestResponse get(TestClient client, String uri, String authorization) {
        var req = client.get(uri);
        return (authorization == null ? req : req.header("authorization", authorization)).send();
    }

    @Test
    void theChallengeOffersSha256ThenMd5AndBothAnswersAreAccepted() {
        TestClient client = TestClient.of(ALICE.wrap(WhoAmI.APP));
        TestResponse challenge = get(client, "/", null);
        assertEquals(401, challenge.status());
        List<String> offers = challenge.headers().all("www-authenticate");
        assertEquals(2, offers.size());
        assertTrue(offers.get(0).matches("Digest realm=\"Restricted\", qop=\"auth\", algorithm=SHA-256, "
                + "nonce=\"[A-Za-z0-9_-]+\""), offers.get(0));
        assertTrue(offers.get(1).contains("algorithm=MD5"), offers.get(1));
        for (String alg : List.of("SHA-256", "MD5")) {
            TestResponse ok = get(client, "/docs?page=2", authorization(alg, "alice", "wonderland", "Restricted", "GET",
                    "/docs?page=2", nonce(challenge, alg), "00000001"));
            assertEquals(200, ok.status(), alg);
            assertEquals(List.of("hello ", "digest:alice"), ok.chunks().stream().map(Bytes::utf8)
                    .filter(c -> !c.isEmpty()).toList(), "the streamed body is forwarded event by event");
        }
    }

    @Test
    void wrongPasswordUserUriRealmOrQopAreRefused() {
        TestClient client = TestClient.of(ALICE.wrap(WhoAmI.APP));
        String n = nonce(get(client, "/", null), "SHA-256");
        String good = authorization("SHA-256", "alice", "wonderland", "Restricted", "GET", "/a", n, "00000001");
        for (String bad : List.of(
                authorization("SHA-256", "alice", "looking-glass", "Restricted", "GET", "/a", n, "00000001"),
                authorization("SHA-256", "bob", "wonderland", "Restricted", "GET", "/a", n, "00000001"),
                authorization("SHA-256", "alice", "wonderland", "Restricted", "GET", "/b", n, "00000001"),
                authorization("SHA-256", "alice", "wonderland", "Other", "GET", "/a", n, "00000001"),
                authorization("SHA-256", "alice", "wonderland", "Restricted", "POST", "/a", n, "00000001"),
                good.replace(", qop=auth", ""), good.replace("qop=auth", "qop=auth-int"),
                good.replace("nc=00000001", "nc=1"), good.replace("\"c0ffee\"", "\"c0ffef\""),
                good.replace("uri=\"/a\"", "uri=\"/a\", uri=\"/a\""), "Digest username=\"alice", "Digest")) {
            assertEquals(401, get(client, "/a", bad).status(), bad);
        }
        assertEquals(200, get(client, "/a", good).status());
    }

    @Test
    void aReplayedCountIsRefusedAndAHigherOneAccepted() {
        TestClient client = TestClient.of(ALICE.wrap(WhoAmI.APP));
        String n = nonce(get(client, "/", null), "SHA-256");
        String first = authorization("SHA-256", "alice", "wonderland", "Restricted", "GET", "/", n, "00000001");
        assertEquals(200, get(client, "/", first).status());
        TestResponse replay = get(client, "/", first);
        assertEquals(401, replay.status());
        assertFalse(replay.header("www-authenticate").orElseThrow().contains("stale"));
        assertEquals(200, get(client, "/", authorization("SHA-256", "alice", "wonderland", "Restricted", "GET", "/", n,
                "00000002")).status());
    }

    @Test
    void anExpiredNonceIsStaleAForgedOneIsNot() {
        ManualClock clock = new ManualClock();
        AuthDigest mw = AuthDigest.builder().user("alice", "wonderland").nonceTtl(Duration.ofSeconds(60)).clock(clock)
                .build();
        TestClient client = TestClient.of(mw.wrap(WhoAmI.APP));
        String n = nonce(get(client, "/", null), "SHA-256");
        clock.millis.addAndGet(61_000);
        TestResponse stale = get(client, "/", authorization("SHA-256", "alice", "wonderland", "Restricted", "GET", "/",
                n, "00000001"));
        assertEquals(401, stale.status());
        assertTrue(stale.headers().all("www-authenticate").stream().allMatch(h -> h.endsWith(", stale=true")));
        String fresh = nonce(get(client, "/", null), "SHA-256");
        int mid = fresh.length() / 2;
        String forged = fresh.substring(0, mid) + (fresh.charAt(mid) == 'A' ? 'B' : 'A') + fresh.substring(mid + 1);
        TestResponse refused = get(client, "/", authorization("SHA-256", "alice", "wonderland", "Restricted", "GET", "/",
                forged, "00000001"));
        assertEquals(401, refused.status());
        assertFalse(refused.header("www-authenticate").orElseThrow().contains("stale"));
        assertEquals(401, get(client, "/", authorization("SHA-256", "alice", "wonderland", "Restricted", "GET", "/",
                fresh + "=", "00000001")).status(), "a second spelling of a nonce would dodge the replay table");
        assertEquals(200, get(client, "/", authorization("SHA-256", "alice", "wonderland", "Restricted", "GET", "/",
                fresh, "00000001")).status());
    }

    @Test
    void theReplayTableIsBoundedAndEvictedNoncesGoStaleRatherThanReplayable() {
        AuthDigest mw = AuthDigest.builder().user("alice", "wonderland").maxTracked(2).build();
        TestClient client = TestClient.of(mw.wrap(WhoAmI.APP));
        String oldest = nonce(get(client, "/", null), "SHA-256");
        String first = authorization("SHA-256", "alice", "wonderland", "Restricted", "GET", "/", oldest, "00000001");
        assertEquals(200, get(client, "/", first).status());
        for (int i = 0; i < 3; i++) {
            String n = nonce(get(client, "/", null), "SHA-256");
            assertEquals(200, get(client, "/", authorization("SHA-256", "alice", "wonderland", "Restricted", "GET", "/",
                    n, "00000001")).status());
        }
        TestResponse replay = get(client, "/", authorization("SHA-256", "alice", "wonderland", "Restricted", "GET",
                "/", oldest, "00000002"));
        assertEquals(401, replay.status(), "evicted: no longer accepted");
        assertTrue(replay.header("www-authenticate").orElseThrow().contains("stale=true"));
    }

    @Test
    void md5OffRealmPathsAndExcludesAreHonoured() {
        AuthDigest mw = AuthDigest.builder().user("ops", "pw").md5(false).realm("Admin").path("/admin")
                .exclude("/admin/health").build();
        TestClient client = TestClient.of(mw.wrap(WhoAmI.APP));
        assertEquals("hello anonymous", get(client, "/public", null).text());
        assertEquals(200, get(client, "/admin/health", null).status());
        TestResponse challenge = get(client, "/admin", null);
        assertEquals(List.of("SHA-256"), challenge.headers().all("www-authenticate").stream()
                .map(h -> h.replaceAll(".*algorithm=([^,]+),.*", "$1")).toList());
        assertTrue(challenge.header("www-authenticate").orElseThrow().contains("realm=\"Admin\""));
        String n = nonce(challenge, "SHA-256");
        assertEquals(401, get(client, "/admin", authorization("MD5", "ops", "pw", "Admin", "GET", "/admin", n,
                "00000001")).status(), "MD5 refused when off");
        assertEquals("hello digest:ops", get(client, "/admin", authorization("SHA-256", "ops", "pw", "Admin", "GET",
                "/admin", n, "00000002")).text());
    }

    @Test
    void headWebSocketAndSseAreGuardedAndOtherScopesPass() {
        TestClient client = TestClient.of(ALICE.wrap(WhoAmI.APP));
        var head = client.head("/").send();
        assertEquals(401, head.status());
        assertEquals("", head.text());
        String n = nonce(head, "SHA-256");
        assertEquals(200, client.head("/").header("authorization", authorization("SHA-256", "alice", "wonderland",
                "Restricted", "HEAD", "/", n, "00000001")).send().status());
        var denied = assertThrows(WebSocketDeniedException.class, () -> client.websocket("/").connect());
        assertEquals(401, denied.status());
        assertEquals("digest:alice", client.websocket("/").header("authorization", authorization("SHA-256", "alice",
                "wonderland", "Restricted", "GET", "/", n, "00000002")).connect().receiveText());
        var sse = client.sse("/").open();
        assertTrue(sse.declined());
        assertEquals(401, sse.status());
        assertEquals("digest:alice", client.sse("/").header("authorization", authorization("SHA-256", "alice",
                "wonderland", "Restricted", "GET", "/", n, "00000003")).open().next().data());
        PassThrough.untouched(ALICE, PassThrough.Kind.LIFESPAN);
        PassThrough.untouched(AuthDigest.builder().user("a", "b").path("/private").build(), PassThrough.Kind.values());
    }

    @Test
    void unsafeOrEmptyConfigurationIsRefusedNamingTheOption() {
        record Case(String option, Runnable build) { }
        for (Case c : List.of(
                new Case("users", () -> AuthDigest.builder().build()),
                new Case("user", () -> AuthDigest.builder().user("a:b", "c")),
                new Case("realm", () -> AuthDigest.builder().user("a", "b").realm("x\"y").build()),
                new Case("secret", () -> AuthDigest.builder().user("a", "b").secret(new byte[16]).build()),
                new Case("nonceTtl", () -> AuthDigest.builder().user("a", "b").nonceTtl(Duration.ZERO).build()),
                new Case("maxTracked", () -> AuthDigest.builder().user("a", "b").maxTracked(0).build()),
                new Case("paths", () -> AuthDigest.builder().user("a", "b").path("x").build()))) {
            var e = assertThrows(IllegalArgumentException.class, c.build()::run);
            assertTrue(e.getMessage().startsWith(c.option()), e.getMessage());
        }
    }
}
