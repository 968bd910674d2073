package org.pagi.wrappers.endpoint;

import java.util.concurrent.CompletionStage;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;

/** An HTTP handler in the async mode: it must not block, and answers with the stage of a {@link Response}. */
@FunctionalInterface
public interface HttpHandler {

    /**
     * @param request the request, path parameters included
     * @return the response to send; a failed stage fails the call (the server answers 500)
     */
    CompletionStage<Response> handle(Request request);
}
