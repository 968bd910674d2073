package org.pagi.middleware;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.pagi.wrappers.routing.Middleware;

/**
 * Stacks that do harm, refused by {@link MiddlewareStack} when it is built: orders of middleware (each rule names
 * a middleware that must not be enabled outside, before, another, and why), and middleware that contradict each
 * other wherever they stand (what each declares through {@link CookieSecurityClaims}).
 */
final class HarmfulOrder {

    private record Rule(Class<? extends Middleware> outer, Class<? extends Middleware> inner, String why) {
    }

    private static final String CORS_OUTSIDE = "a CORS preflight carries no credentials, so behind"
            + " authentication it is refused before CORS can answer it; enable Cors before (outside) authentication";

    private static final List<Rule> RULES = List.of(
            new Rule(Compression.class, Etag.class, "the tag would be computed on the uncompressed body, so the"
                    + " compressed response could only carry it weakened; enable Etag before Compression"),
            new Rule(AuthBasic.class, Cors.class, CORS_OUTSIDE),
            new Rule(AuthBearer.class, Cors.class, CORS_OUTSIDE),
            new Rule(AuthDigest.class, Cors.class, CORS_OUTSIDE));

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
            int inner = indexOf(layers, rule.inner());
            if (outer >= 0 && inner > outer) {
                throw new IllegalStateException("MiddlewareStack: " + rule.outer().getSimpleName()
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

    private static int indexOf(List<Middleware> layers, Class<? extends Middleware> type) {
        for (int i = 0; i < layers.size(); i++) {
            if (type.isInstance(layers.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
