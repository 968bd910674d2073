package org.pagi.middleware;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pagi.spec.Endpoint;
import org.pagi.spec.HttpScope;
import org.pagi.wrappers.websocket.OriginCheck;

/**
 * {@link Csrf}'s first check: where the browser says an unsafe request comes from. An {@code Origin} on the
 * trusted list passes; otherwise {@code Sec-Fetch-Site} decides when present ({@code same-origin} and
 * {@code none} pass, {@code same-site} only when allowed, anything else is cross-site); without it the
 * {@code Origin} (or, when that is absent, the {@code Referer}'s origin) must be the request's own origin as the
 * server resolved it (scheme and {@code Host} from the scope, so right behind {@link ProxyHeaders}). A request
 * with none of the three headers is no browser's cross-site request and passes; the token check still guards it.
 *
 * @param trusted       origins allowed besides the request's own; empty for none
 * @param allowSameSite whether {@code Sec-Fetch-Site: same-site} passes
 */
record CsrfSite(Optional<OriginCheck> trusted, boolean allowSameSite) {

    /** @return why {@code scope} is refused as cross-site, or empty when it may go on */
    Optional<String> refusal(HttpScope scope) {
        List<String> origins = scope.headers().all("origin");
        List<String> fetchSite = scope.headers().all("sec-fetch-site");
        List<String> referers = scope.headers().all("referer");
        if (origins.size() > 1 || fetchSite.size() > 1 || referers.size() > 1) {
            return Optional.of("a repeated Origin, Referer or Sec-Fetch-Site header");
        }
        Optional<String> origin = origins.stream().findFirst().map(String::strip);
        if (origin.isPresent() && isTrusted(origin.get())) {
            return Optional.empty();
        }
        if (!fetchSite.isEmpty()) {
            return switch (fetchSite.get(0).strip().toLowerCase(Locale.ROOT)) {
                case "same-origin", "none" -> Optional.empty();
                case "same-site" -> allowSameSite ? Optional.empty() : Optional.of("Sec-Fetch-Site: same-site");
                case "cross-site" -> Optional.of("Sec-Fetch-Site: cross-site");
                default -> Optional.of("Sec-Fetch-Site is not same-origin");
            };
        }
        if (origin.isPresent()) {
            if (origin.get().equals("null")) {
                return Optional.of("Origin: null");
            }
            return isOwn(scope, origin.get()) ? Optional.empty()
                    : Optional.of("Origin is neither this site nor a trusted origin");
        }
        if (referers.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> from = originOf(referers.get(0).strip());
        return from.isPresent() && (isOwn(scope, from.get()) || isTrusted(from.get())) ? Optional.empty()
                : Optional.of("Referer is neither this site nor a trusted origin");
    }

    private boolean isTrusted(String origin) {
        return trusted.map(t -> t.allows(Optional.of(origin))).orElse(false);
    }

    /** Compares with {@code scheme://host[:port]} of the request itself, normalised as {@link OriginCheck} does. */
    private static boolean isOwn(HttpScope scope, String origin) {
        Optional<String> host = scope.headers().first("host").map(String::strip)
                .or(() -> scope.server().map(CsrfSite::authority));
        if (host.isEmpty()) {
            return false;
        }
        try {
            return OriginCheck.allowing(scope.scheme() + "://" + host.get()).allows(Optional.of(origin));
        } catch (IllegalArgumentException e) {
            return false; // a Host that makes no origin matches nothing
        }
    }

    private static String authority(Endpoint server) {
        String host = server.host().contains(":") ? "[" + server.host() + "]" : server.host();
        return server.port().isPresent() ? host + ":" + server.port().getAsInt() : host;
    }

    /** @return {@code scheme://host[:port]} of an absolute URL, empty when it is none */
    private static Optional<String> originOf(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
            return Optional.of(uri.getScheme() + "://" + uri.getHost() + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
