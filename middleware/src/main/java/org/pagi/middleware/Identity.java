package org.pagi.middleware;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;

/**
 * Who an authentication middleware ({@link AuthBasic}, {@link AuthBearer}, {@link AuthDigest}) let in: put in
 * the scope attribute {@value #ATTRIBUTE} before the application is called, so handlers read it with
 * {@link #of(Scope)}.
 *
 * @param scheme {@code basic}, {@code bearer} or {@code digest}
 * @param name   the user name (basic, digest), or the token's {@code sub} claim, empty when it has none (bearer)
 * @param claims the token's claims (bearer); empty otherwise
 */
public record Identity(String scheme, String name, Map<String, Object> claims) {
    /** The scope attribute holding the {@code Identity}. */
    public static final String ATTRIBUTE = "pagi.auth";

    /** Copies the claims; every component is required. */
    public Identity {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(name, "name");
        claims = Map.copyOf(claims);
    }

    /**
     * @param scope any scope
     * @return the identity an authentication middleware put in it; empty when none did
     */
    public static Optional<Identity> of(Scope scope) {
        return scope instanceof RequestScope r ? r.attribute(ATTRIBUTE).map(Identity.class::cast) : Optional.empty();
    }
}
