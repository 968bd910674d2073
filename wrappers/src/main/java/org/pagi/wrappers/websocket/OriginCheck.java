package org.pagi.wrappers.websocket;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Extensions;
import org.pagi.wrappers.response.Response;

/**
 * An allow-list of origins for WebSocket handshakes, the defence against cross-site WebSocket hijacking (a page
 * on another site opening a socket with the user's cookies).
 *
 * <p>Entries are exact origins, {@code scheme://host[:port]}; scheme and host compare case-insensitively and a
 * default port ({@code :80} for http/ws, {@code :443} for https/wss) equals no port. The handshake's
 * {@code Origin} header must equal one of them. The opaque origin {@code null} never matches.
 *
 * <p><b>A missing {@code Origin} header is refused by default.</b> Browsers always send it on a WebSocket
 * handshake, so only non-browser clients (which cannot be hijacked this way) omit it; call
 * {@link #allowingMissingOrigin()} to let them in.
 *
 * <p>{@link #enforce(WebSocket)} refuses a handshake that fails the check with a 403 denial response (or, when
 * the server has no denial extension, a {@code websocket.close}, which servers answer with 403 too).
 */
public final class OriginCheck {
    private final Set<String> origins;
    private final boolean allowMissing;

    private OriginCheck(Set<String> origins, boolean allowMissing) {
        this.origins = origins;
        this.allowMissing = allowMissing;
    }

    /**
     * @param origins exact origins, {@code scheme://host[:port]}
     * @throws IllegalArgumentException naming an entry that is not such an origin (a path, query, user info or
     *     missing host)
     */
    public static OriginCheck allowing(String... origins) {
        Set<String> set = new LinkedHashSet<>();
        for (String o : origins) {
            set.add(normalise(o).orElseThrow(() -> new IllegalArgumentException(
                    "not an origin (scheme://host[:port]): '" + o + "'")));
        }
        return new OriginCheck(Collections.unmodifiableSet(set), false);
    }

    /** @return a copy that also lets in a handshake with no {@code Origin} header (non-browser clients) */
    public OriginCheck allowingMissingOrigin() {
        return new OriginCheck(origins, true);
    }

    /** @return the allowed origins, normalised, in the order given */
    public Set<String> origins() {
        return origins;
    }

    /** @return whether a handshake whose {@code Origin} header is {@code origin} (empty: absent) passes */
    public boolean allows(Optional<String> origin) {
        if (origin.isEmpty()) {
            return allowMissing;
        }
        return normalise(origin.get().strip()).map(origins::contains).orElse(false);
    }

    /** @return whether {@code socket}'s handshake passes (a repeated {@code Origin} header fails) */
    public boolean allows(WebSocket socket) {
        List<String> values = socket.headers().all("origin");
        return values.size() <= 1 && allows(values.stream().findFirst());
    }

    /**
     * Refuses the handshake unless it passes: with a 403 {@code text/plain} denial naming the origin, or with
     * {@code websocket.close} when the scope has no denial extension.
     *
     * @return true when the handshake passed (nothing was sent; accept it next), false when it was refused
     */
    public CompletionStage<Boolean> enforce(WebSocket socket) {
        if (allows(socket)) {
            return CompletableFuture.completedFuture(true);
        }
        String origin = socket.header("origin").orElse("(none)");
        CompletionStage<Void> refused = socket.scope().extensions().has(Extensions.WEBSOCKET_HTTP_RESPONSE)
                ? socket.deny(Response.text("origin not allowed: " + origin).withStatus(403))
                : socket.close(1008, "origin not allowed");
        return refused.thenApply(v -> false);
    }

    /** The blocking form of {@link #enforce(WebSocket)}. @return true when the handshake passed */
    public boolean enforce(BlockingWebSocket socket) {
        org.pagi.wrappers.Blocking.requireBlockingAllowed();
        return org.pagi.wrappers.Blocking.await(enforce(socket.webSocket()));
    }

    /** @return {@code scheme://host[:port]} lower-cased without a default port; empty when not an origin */
    private static Optional<String> normalise(String origin) {
        Objects.requireNonNull(origin, "origin");
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (port == 80 && (scheme.equals("http") || scheme.equals("ws")))
                || (port == 443 && (scheme.equals("https") || scheme.equals("wss")));
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    @Override
    public String toString() {
        return "OriginCheck" + origins + (allowMissing ? " (missing Origin allowed)" : "");
    }
}
