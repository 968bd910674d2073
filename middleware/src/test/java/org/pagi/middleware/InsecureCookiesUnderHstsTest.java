package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Middleware;

/** A stack that forces cookies without {@code Secure} while sending HSTS is refused when built, naming both options. */
@Timeout(30)
class InsecureCookiesUnderHstsTest {

    private static final Application HELLO = (scope, receive, send) -> Response.text("hello").respond(scope, send);

    private static Session insecureSession() {
        return Session.builder().state(SessionState.cookie("sid").insecure()).build();
    }

    private static void assertRefusedNamingBoth(MiddlewareStack.Builder stack) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> stack.build(HELLO));
        assertTrue(e.getMessage().contains("Session option state (SessionState.cookie(\"sid\").insecure())"),
                e.getMessage());
        assertTrue(e.getMessage().contains("HttpsRedirect option hsts"), e.getMessage());
    }

    @Test
    void aSessionCookieForcedWithoutSecureNextToHstsIsRefusedInEitherOrder() {
        assertRefusedNamingBoth(MiddlewareStack.builder().enable(HttpsRedirect.builder().build())
                .enable(insecureSession()));
        assertRefusedNamingBoth(MiddlewareStack.builder().enable(insecureSession())
                .enable(HttpsRedirect.builder().build()));
        assertRefusedNamingBoth(MiddlewareStack.builder().enable(HttpsRedirect.builder().build())
                .enableIf(scope -> scope instanceof HttpScope, insecureSession()));
    }

    @Test
    void eitherSettingAloneIsBuilt() {
        MiddlewareStack.builder().enable(HttpsRedirect.builder().hsts(false).build()).enable(insecureSession())
                .build(HELLO);
        MiddlewareStack.builder().enable(HttpsRedirect.builder().build()).enable(Session.builder().build())
                .build(HELLO);
        assertEquals(Optional.empty(), Session.builder().build().insecureCookieOption());
        assertEquals(Optional.empty(), HttpsRedirect.builder().hsts(false).build().hstsOption());
    }

    /** A middleware declaring an insecure cookie through the interface alone, as a CSRF token middleware could. */
    private static final class ClaimsInsecureCookies implements Middleware, CookieSecurityClaims {
        @Override
        public Application wrap(Application next) {
            return next;
        }

        @Override
        public Optional<String> insecureCookieOption() {
            return Optional.of("Other option secure(false)");
        }
    }

    @Test
    void anyMiddlewareDeclaringTheClaimIsCheckedNotOnlySession() {
        var e = assertThrows(IllegalStateException.class, () -> MiddlewareStack.builder()
                .enable(new ClaimsInsecureCookies()).enable(HttpsRedirect.builder().build()).build(HELLO));
        assertTrue(e.getMessage().contains("Other option secure(false)")
                && e.getMessage().contains("HttpsRedirect option hsts"), e.getMessage());
    }

    @Test
    void theInsecureCookieGoesWithoutSecureOrHostPrefixEvenOverHttps() {
        String cookie = TestClient.builder(insecureSession().wrap(SessionTest.APP)).secure(true).build()
                .get("/set").send().headers().first("set-cookie").orElseThrow();
        assertTrue(cookie.startsWith("sid="), cookie);
        assertFalse(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
    }
}
