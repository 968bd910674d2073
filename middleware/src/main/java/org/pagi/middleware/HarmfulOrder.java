package org.pagi.middleware;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.pagi.wrappers.routing.Middleware;

/**
 * Stacks that do harm, refused by {@link MiddlewareStack} when it is built: orders of middleware (each rule names
 * a middleware that must not be enabled outside, before, another, and why), and middleware that contradict each
 * other wherever they stand (what each declares through {@link CookieSecurityClaims}).
 */
final class HarmfulOrder {

    private record Rule(String name, Predicate<Middleware> outer, Class<? extends Middleware> inner, String why) {
        Rule(Class<? extends Middleware> outer, Class<? extends Middleware> inner, String why) {
            this(outer.getSimpleName(), outer::isInstance, inner, why);
        }
    }

    private static final String KEYED_OUTSIDE_PROXY = "it keys by the client address, and outside ProxyHeaders every"
            + " client behind the proxy has the proxy's address, so they would all share one limit; enable"
            + " ProxyHeaders before it (or give it a key function)";

    private static final String CORS_OUTSIDE = "a CORS preflight carries no credentials, so behind"
            + " authentication it is refused before CORS can answer it; enable Cors before (outside) authentication";

    private static final List<Rule> RULES = List.of(
            new Rule(Compression.class, Etag.class, "the tag would be computed on the uncompressed body, so the"
                    + " compressed response could only carry it weakened; enable Etag before Compression"),
            new Rule(AuthBasic.class, Cors.class, CORS_OUTSIDE),
            new Rule(AuthBearer.class, Cors.class, CORS_OUTSIDE),
            new Rule(AuthDigest.class, Cors.class, CORS_OUTSIDE),
            new Rule(Csrf.class, Session.class, "the token is bound to the session only when Session runs outside"
                    + " Csrf; otherwise it falls back to the CSRF cookie alone; enable Session before Csrf"),
            new Rule("RateLimit", m -> m instanceof RateLimit r && r.config().key() == RateLimit.CLIENT_ADDRESS,
                    ProxyHeaders.class, KEYED_OUTSIDE_PROXY),
            new Rule("WebSocketConnectionLimit", m -> m instanceof WebSocketConnectionLimit w
                    && w.config().key() == WebSocketConnectionLimit.CLIENT_ADDRESS, ProxyHeaders.class,
                    KEYED_OUTSIDE_PROXY));

    private HarmfulOrder() {
    }

    /**
     * @param layers the middleware as enabled, outermost first
     * @throws IllegalStateException naming the first harmful pair found, or both contradicting options
     */
    static void check(List<Middleware> layers) {
        checkOrder(layers);
        checkCookiesUnderHsts(layers);
    }

    private static void checkOrder(List<Middleware> layers) {
        for (Rule rule : RULES) {
            int outer = indexOf(layers, rule.outer());
            int inner = indexOf(layers, rule.inner()::isInstance);
            if (outer >= 0 && inner > outer) {
                throw new IllegalStateException("MiddlewareStack: " + rule.name()
                        + " is enabled outside " + rule.inner().getSimpleName() + ": " + rule.why());
            }
        }
    }

    /**
     * HSTS tells browsers the site is https only; a cookie forced to go without {@code Secure} would still be sent
     * over plain http (to a sibling host, or to any http URL a network attacker makes the browser fetch), so the
     * two settings contradict each other.
     */
    private static void checkCookiesUnderHsts(List<Middleware> layers) {
        Optional<String> hsts = claimed(layers, CookieSecurityClaims::hstsOption);
        Optional<String> insecure = claimed(layers, CookieSecurityClaims::insecureCookieOption);
        if (hsts.isPresent() && insecure.isPresent()) {
            throw new IllegalStateException("MiddlewareStack: " + insecure.get() + " forces the Secure attribute off"
                    + " cookies while " + hsts.get() + " sends Strict-Transport-Security: a cookie without Secure is"
                    + " still sent over plain http, which HSTS exists to rule out; keep Secure or turn HSTS off");
        }
    }

    private static Optional<String> claimed(List<Middleware> layers,
                                            Function<CookieSecurityClaims, Optional<String>> claim) {
        return layers.stream().filter(CookieSecurityClaims.class::isInstance).map(CookieSecurityClaims.class::cast)
                .map(claim).flatMap(Optional::stream).findFirst();
    }

    private static int indexOf(List<Middleware> layers, Predicate<Middleware> type) {
        for (int i = 0; i < layers.size(); i++) {
            if (type.test(layers.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
