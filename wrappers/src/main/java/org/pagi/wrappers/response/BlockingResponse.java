package org.pagi.wrappers.response;

import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.Blocking;

/** {@link Response} for a blocking handler: {@link #respond} returns when the server took the response. */
public record BlockingResponse(Response response) {

    /**
     * Sends the response as {@link Response#respond} does and returns when the server took it; fails at once on an
     * I/O event loop thread (see {@link Blocking#await}).
     */
    public void respond(Scope scope, Send send) {
        Blocking.requireBlockingAllowed();
        Blocking.await(response.respond(scope, send));
    }
}
