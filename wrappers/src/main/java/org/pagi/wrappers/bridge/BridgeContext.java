package org.pagi.wrappers.bridge;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.util.List;
import java.util.Map;

/**
 * The {@link HttpContext} a bridged exchange reports: the scope's {@code root_path} as the context path, the
 * handler, the filters and the attributes the {@link HttpHandlerApp} was built with. There is no
 * {@link HttpServer} behind it, so {@link #getServer()} and the setters refuse.
 */
final class BridgeContext extends HttpContext {
    private final String path;
    private final HttpHandler handler;
    private final List<Filter> filters;
    private final Map<String, Object> attributes;

    BridgeContext(String path, HttpHandler handler, List<Filter> filters, Map<String, Object> attributes) {
        this.path = path;
        this.handler = handler;
        this.filters = filters;
        this.attributes = attributes;
    }

    @Override
    public HttpHandler getHandler() {
        return handler;
    }

    @Override
    public void setHandler(HttpHandler h) {
        throw new IllegalArgumentException("the handler of an HttpHandlerApp is fixed when it is built");
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public HttpServer getServer() {
        throw new UnsupportedOperationException(
                "no com.sun.net.httpserver.HttpServer: this exchange is bridged from a PAGI scope");
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public List<Filter> getFilters() {
        return filters;
    }

    @Override
    public Authenticator setAuthenticator(Authenticator auth) {
        throw new UnsupportedOperationException(
                "an HttpHandlerApp has no authenticator: put authentication in front of it (middleware) or in a Filter");
    }

    @Override
    public Authenticator getAuthenticator() {
        return null;
    }
}
