/**
 * Middleware: each an {@code Application -> Application} ({@link org.pagi.wrappers.routing.Middleware}, the type
 * the routers take per route), acting on the scope types it names and passing every other scope through
 * untouched, forwarding {@code send} events one by one (no extra thread, queue or re-buffering of a stream).
 * {@link org.pagi.middleware.MiddlewareStack} composes them, creating each once, so state such as rate-limit
 * buckets lives as long as the application.
 */
package org.pagi.middleware;
