package org.pagi.wrappers.routing;

import org.pagi.spec.Application;

/**
 * Wraps an application in another: the router applies a route's middleware in onion order, so for
 * {@code [a, b]} the request passes through {@code a}, then {@code b}, then the handler.
 */
@FunctionalInterface
public interface Middleware {

    /**
     * @param next the application (or inner middleware) to call on
     * @return the wrapped application
     */
    Application wrap(Application next);
}
