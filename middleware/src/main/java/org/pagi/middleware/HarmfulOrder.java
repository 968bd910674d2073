package org.pagi.middleware;

import java.util.List;
import org.pagi.wrappers.routing.Middleware;

/**
 * Orders of middleware that do harm, refused by {@link MiddlewareStack} when it is built. Each rule names a
 * middleware that must not be enabled outside (before) another, and why.
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
     * @throws IllegalStateException naming the first harmful pair found
     */
    static void check(List<Middleware> layers) {
        for (Rule rule : RULES) {
            int outer = indexOf(layers, rule.outer());
            int inner = indexOf(layers, rule.inner());
            if (outer >= 0 && inner > outer) {
                throw new IllegalStateException("MiddlewareStack: " + rule.outer().getSimpleName()
                        + " is enabled outside " + rule.inner().getSimpleName() + ": " + rule.why());
            }
        }
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
