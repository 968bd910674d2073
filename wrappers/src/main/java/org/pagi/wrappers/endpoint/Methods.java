package org.pagi.wrappers.endpoint;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.pagi.spec.Application;

/**
 * What {@link HttpEndpoint#methods(Methods)} declares its handlers on: one per method, in either mode (async
 * {@link HttpHandler} or blocking {@link BlockingHttpHandler}, chosen by the method reference's signature).
 */
public final class Methods {

    private final Map<String, Application> handlers = new TreeMap<>();

    Methods() {
    }

    /** Handles GET (and HEAD, with the body dropped, unless {@link #head} is declared). */
    public Methods get(HttpHandler handler) {
        return add("GET", Adapt.http(handler));
    }

    /** Handles GET in the blocking mode. */
    public Methods get(BlockingHttpHandler handler) {
        return add("GET", Adapt.http(handler));
    }

    /** Handles POST. */
    public Methods post(HttpHandler handler) {
        return add("POST", Adapt.http(handler));
    }

    /** Handles POST in the blocking mode. */
    public Methods post(BlockingHttpHandler handler) {
        return add("POST", Adapt.http(handler));
    }

    /** Handles PUT. */
    public Methods put(HttpHandler handler) {
        return add("PUT", Adapt.http(handler));
    }

    /** Handles PUT in the blocking mode. */
    public Methods put(BlockingHttpHandler handler) {
        return add("PUT", Adapt.http(handler));
    }

    /** Handles PATCH. */
    public Methods patch(HttpHandler handler) {
        return add("PATCH", Adapt.http(handler));
    }

    /** Handles PATCH in the blocking mode. */
    public Methods patch(BlockingHttpHandler handler) {
        return add("PATCH", Adapt.http(handler));
    }

    /** Handles DELETE. */
    public Methods delete(HttpHandler handler) {
        return add("DELETE", Adapt.http(handler));
    }

    /** Handles DELETE in the blocking mode. */
    public Methods delete(BlockingHttpHandler handler) {
        return add("DELETE", Adapt.http(handler));
    }

    /** Handles HEAD itself instead of through GET. */
    public Methods head(HttpHandler handler) {
        return add("HEAD", Adapt.http(handler));
    }

    /** Handles HEAD in the blocking mode. */
    public Methods head(BlockingHttpHandler handler) {
        return add("HEAD", Adapt.http(handler));
    }

    /** Handles OPTIONS itself instead of the automatic 204 with {@code Allow}. */
    public Methods options(HttpHandler handler) {
        return add("OPTIONS", Adapt.http(handler));
    }

    /** Handles OPTIONS in the blocking mode. */
    public Methods options(BlockingHttpHandler handler) {
        return add("OPTIONS", Adapt.http(handler));
    }

    private Methods add(String method, Application app) {
        if (handlers.putIfAbsent(method, Objects.requireNonNull(app, "handler")) != null) {
            throw new IllegalStateException(method + " is declared twice");
        }
        return this;
    }

    Map<String, Application> handlers() {
        return handlers;
    }
}
