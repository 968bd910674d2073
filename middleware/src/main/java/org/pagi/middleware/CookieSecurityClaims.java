package org.pagi.middleware;

import java.util.Optional;

/**
 * What a middleware declares about the security of the cookies and the transport it governs, so that
 * {@link MiddlewareStack} can refuse a stack whose middleware contradict each other (see {@link HarmfulOrder})
 * without knowing each type: a middleware that can force the {@code Secure} attribute off its cookies (a session,
 * a CSRF token) says so, and one that sends {@code Strict-Transport-Security} says so. Each answer names the option
 * responsible, for the refusal's message.
 */
interface CookieSecurityClaims {

    /** @return the option that forces the {@code Secure} attribute off this middleware's cookies, if it is set */
    default Optional<String> insecureCookieOption() {
        return Optional.empty();
    }

    /** @return the option that makes this middleware send {@code Strict-Transport-Security}, if it is on */
    default Optional<String> hstsOption() {
        return Optional.empty();
    }
}
