package org.pagi.spec;

/**
 * Thrown by an application that does not handle a scope type, as the spec requires ("an application must throw
 * if it does not support the scope type"). For {@code lifespan}, servers read it as "lifespan not supported".
 */
public final class UnsupportedScopeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param scope the scope the application declines */
    public UnsupportedScopeException(Scope scope) {
        super("unsupported scope type: " + scope.type());
    }
}
