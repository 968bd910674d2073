package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

class SecurityHeadersTest {

    /** An app streaming "one two" in two body events, with the given response headers. */
    static Application streamed(String... headers) {
        return (scope, receive, send) -> send.send(new HttpResponseStart(200, Headers.of(headers)
                        .with("content-type", "text/plain")))
                .thenCompose(v -> send.send(new HttpResponseBody(Bytes.utf8("one "), true)))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("two"))));
    }

    @Test
    void defaultsAreAddedToAStreamedResponseWhichStaysStreamed() {
        TestResponse res = TestClient.of(SecurityHeaders.defaults().wrap(streamed())).get("/").send();
        assertEquals("SAMEORIGIN", res.header("x-frame-options").orElseThrow());
        assertEquals("nosniff", res.header("x-content-type-options").orElseThrow());
        assertEquals("0", res.header("x-xss-protection").orElseThrow());
        assertEquals("strict-origin-when-cross-origin", res.header("referrer-policy").orElseThrow());
        assertFalse(res.headers().contains("content-security-policy"));
        assertFalse(res.headers().contains("strict-transport-security"));
        assertEquals("one two", res.text());
        assertEquals(List.of("one ", "two"), res.chunks().stream().map(Bytes::utf8).filter(s -> !s.isEmpty()).toList());
    }

    @Test
    void aHeaderTheApplicationSetIsNeverOverridden() {
        TestResponse res = TestClient.of(SecurityHeaders.builder().contentSecurityPolicy("default-src 'self'").build()
                .wrap(streamed("x-frame-options", "DENY", "content-security-policy", "frame-ancestors *"))).get("/").send();
        assertEquals(List.of("DENY"), res.headers().all("x-frame-options"));
        assertEquals(List.of("frame-ancestors *"), res.headers().all("content-security-policy"));
        assertEquals("nosniff", res.header("x-content-type-options").orElseThrow());
    }

    @Test
    void eachOptionSetsOrRemovesItsHeader() {
        SecurityHeaders mw = SecurityHeaders.builder().xFrameOptions("deny").xContentTypeOptions(null)
                .xXssProtection(null).referrerPolicy("no-referrer").contentSecurityPolicy("default-src 'self'")
                .permissionsPolicy("camera=()").crossOriginOpenerPolicy("same-origin")
                .crossOriginResourcePolicy("same-site").build();
        TestResponse res = TestClient.of(mw.wrap(streamed())).get("/").send();
        assertEquals("DENY", res.header("x-frame-options").orElseThrow());
        assertFalse(res.headers().contains("x-content-type-options"));
        assertFalse(res.headers().contains("x-xss-protection"));
        assertEquals("no-referrer", res.header("referrer-policy").orElseThrow());
        assertEquals("default-src 'self'", res.header("content-security-policy").orElseThrow());
        assertEquals("camera=()", res.header("permissions-policy").orElseThrow());
        assertEquals("same-origin", res.header("cross-origin-opener-policy").orElseThrow());
        assertEquals("same-site", res.header("cross-origin-resource-policy").orElseThrow());
        assertFalse(TestClient.of(SecurityHeaders.builder().xFrameOptions(null).build().wrap(streamed())).get("/")
                .send().headers().contains("x-frame-options"));
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        var allowFrom = assertThrows(IllegalArgumentException.class,
                () -> SecurityHeaders.builder().xFrameOptions("ALLOW-FROM https://a.example"));
        assertTrue(allowFrom.getMessage().startsWith("xFrameOptions"), allowFrom.getMessage());
        var crlf = assertThrows(IllegalArgumentException.class,
                () -> SecurityHeaders.builder().contentSecurityPolicy("a\r\nset-cookie: x=1"));
        assertTrue(crlf.getMessage().startsWith("contentSecurityPolicy"), crlf.getMessage());
    }

    @Test
    void headGetsTheHeadersAndOtherScopesPassThrough() {
        TestResponse head = TestClient.of(SecurityHeaders.defaults().wrap(streamed())).head("/").send();
        assertEquals(200, head.status());
        assertEquals("nosniff", head.header("x-content-type-options").orElseThrow());
        assertEquals("", head.text());
        PassThrough.untouched(SecurityHeaders.defaults(), PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE,
                PassThrough.Kind.LIFESPAN);
    }
}
