package org.pagi.middleware;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.http.RequestCookies;
import org.pagi.wrappers.http.SetCookie;
import org.pagi.wrappers.routing.Middleware;

/**
 * Parses the request's cookies into a {@link Jar} (scope attribute {@value #ATTRIBUTE}) that also reads and writes
 * signed cookies: the value travels in clear, followed by {@code .} and the base64url HMAC-SHA256 of
 * {@code name=value}, so a client can read but not alter or move it to another cookie name. Each signing key is
 * derived from a secret with HKDF-SHA256; several secrets allow rotation (the first signs, any verifies). Signatures
 * are compared in constant time. Cookies set through the jar are added as {@code Set-Cookie} headers when the
 * response starts; on websocket and sse scopes the jar is read-only (setting throws). Lifespan scopes pass through.
 */
public final class SignedCookies implements Middleware {

    /** The scope attribute holding the {@link Jar}. */
    public static final String ATTRIBUTE = "pagi.cookies";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final List<SecretKeySpec> keys;

    private SignedCookies(List<SecretKeySpec> keys) {
        this.keys = List.copyOf(keys);
    }

    /** @return a builder; at least one secret is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param scope a scope that went through this middleware
     * @return its cookie jar
     */
    public static Optional<Jar> of(Scope scope) {
        return scope instanceof RequestScope r ? r.attribute(ATTRIBUTE).map(Jar.class::cast) : Optional.empty();
    }

    /**
     * @param name  the cookie name
     * @param value the cookie value
     * @return {@code value} with its signature appended, as the cookie's value
     */
    public String sign(String name, String value) {
        return value + "." + mac(keys.get(0), name, value);
    }

    /**
     * @param name   the cookie name
     * @param signed a value {@link #sign} made
     * @return the original value when the signature matches under any secret
     */
    public Optional<String> verify(String name, String signed) {
        int dot = signed.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String value = signed.substring(0, dot);
        byte[] given = signed.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        for (SecretKeySpec key : keys) {
            if (MessageDigest.isEqual(given, mac(key, name, value).getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static String mac(SecretKeySpec key, String name, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return B64.encodeToString(mac.doFinal((name + "=" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public Application wrap(Application next) {
        Objects.requireNonNull(next, "next");
        return (scope, receive, send) -> {
            if (!(scope instanceof RequestScope request)) {
                return next.call(scope, receive, send);
            }
            Jar jar = new Jar(RequestCookies.parse(request.headers()), !(scope instanceof HttpScope));
            RequestScope withJar = request.withAttribute(ATTRIBUTE, jar);
            if (!(scope instanceof HttpScope)) {
                return next.call(withJar, receive, send);
            }
            return next.call(withJar, receive, event -> {
                if (!(event instanceof HttpResponseStart start)) {
                    return send.send(event);
                }
                List<SetCookie> outgoing = jar.close();
                if (outgoing.isEmpty()) {
                    return send.send(event);
                }
                Headers.Builder headers = Headers.builder().addAll(start.headers());
                outgoing.forEach(c -> headers.add(c.asHeader()));
                return send.send(new HttpResponseStart(start.status(), headers.build(), start.trailers()));
            });
        };
    }

    /** One request's cookies: the ones sent, plus the ones to set on the response. Thread-safe. */
    public final class Jar {
        private final RequestCookies sent;
        private final boolean readOnly;
        private final List<SetCookie> outgoing = new ArrayList<>();
        private boolean closed;

        private Jar(RequestCookies sent, boolean readOnly) {
            this.sent = sent;
            this.readOnly = readOnly;
        }

        /** @return the cookies the client sent, unverified */
        public RequestCookies all() {
            return sent;
        }

        /**
         * @param name a cookie name
         * @return its value as sent, unverified
         */
        public Optional<String> get(String name) {
            return sent.get(name);
        }

        /**
         * @param name a cookie name
         * @return its value when it carries a valid signature, else empty (absent, unsigned, altered or signed
         *     for another name)
         */
        public Optional<String> signed(String name) {
            return sent.get(name).flatMap(v -> verify(name, v));
        }

        /** @param cookie a cookie to set on the response, as is */
        public synchronized void set(SetCookie cookie) {
            writable();
            outgoing.add(Objects.requireNonNull(cookie, "cookie"));
        }

        /** @param cookie a cookie to set on the response with its value signed */
        public synchronized void setSigned(SetCookie cookie) {
            writable();
            outgoing.add(new SetCookie(cookie.name(), sign(cookie.name(), cookie.value()), cookie.path(),
                    cookie.domain(), cookie.maxAge(), cookie.expires(), cookie.secure(), cookie.httpOnly(),
                    cookie.sameSite(), cookie.partitioned()));
        }

        private void writable() {
            if (readOnly) {
                throw new IllegalStateException("cookies cannot be set on websocket and sse scopes");
            }
            if (closed) {
                throw new IllegalStateException("cookie set after the response started");
            }
        }

        private synchronized List<SetCookie> close() {
            closed = true;
            return List.copyOf(outgoing);
        }
    }

    /** Collects the secrets; {@link #build()} checks them, naming the option. */
    public static final class Builder {
        private final List<SecretKeySpec> keys = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a secret: the first added signs, every one added verifies (for rotation).
         *
         * @param value a secret of at least 32 bytes (UTF-8), from a secure random source
         * @return this builder
         */
        public Builder secret(String value) {
            keys.add(new SecretKeySpec(Hkdf.sha256(Hkdf.secret("secret", value), "pagi-signed-cookie",
                    "hmac-sha256 v1"), "HmacSHA256"));
            return this;
        }

        /** @return the middleware */
        public SignedCookies build() {
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("secret is required");
            }
            return new SignedCookies(keys);
        }
    }
}
