package org.pagi.wrappers.context;

import java.util.Objects;
import org.pagi.spec.Headers;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.request.BlockingRequest;
import org.pagi.wrappers.response.BlockingResponseWriter;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.response.Response;

/**
 * {@link HttpContext}'s waiting methods for a blocking handler, and its blocking dispatcher.
 *
 * @param context the wrapped context
 */
public record BlockingHttpContext(HttpContext context) implements BlockingContext {

    /** Checks for null. */
    public BlockingHttpContext {
        Objects.requireNonNull(context, "context");
    }

    /** @return the request's blocking view */
    public BlockingRequest request() {
        return context.request().blocking();
    }

    /** Sends {@code response} whole and waits until the server took it. @see HttpContext#respond(Response) */
    public void respond(Response response) {
        Blocking.requireBlockingAllowed();
        Blocking.await(context.respond(response));
    }

    /** Sends a file and waits. @see HttpContext#respond(FileResponse) */
    public void respond(FileResponse response) {
        Blocking.requireBlockingAllowed();
        Blocking.await(context.respond(response));
    }

    /** Starts a streamed response without trailers. @see HttpContext#writer(int, Headers) */
    public BlockingResponseWriter writer(int status, Headers headers) {
        return writer(status, headers, false);
    }

    /** Starts a streamed response. @see HttpContext#writer(int, Headers, boolean) */
    public BlockingResponseWriter writer(int status, Headers headers, boolean trailers) {
        Blocking.requireBlockingAllowed();
        return Blocking.await(context.writer(status, headers, trailers)).blocking();
    }
}
