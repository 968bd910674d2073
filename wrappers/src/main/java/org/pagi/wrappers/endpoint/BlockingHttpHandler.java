package org.pagi.wrappers.endpoint;

import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;

/**
 * An HTTP handler in the blocking mode: it runs on its own virtual thread, may wait (with
 * {@code request.blocking()}), and returns the {@link Response} to send.
 */
@FunctionalInterface
public interface BlockingHttpHandler {

    /**
     * @param request the request, path parameters included
     * @return the response to send, not null
     * @throws Exception anything it does not handle; the call fails (the server answers 500)
     */
    Response handle(Request request) throws Exception;
}
