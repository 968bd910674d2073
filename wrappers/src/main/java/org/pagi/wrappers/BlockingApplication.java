package org.pagi.wrappers;

import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;

/**
 * A handler written in blocking style: it returns when it is done with the scope, and may wait on the way
 * (with {@link Blocking#await} or a wrapper's {@code blocking()} view). Make it an {@code Application} with
 * {@link Blocking#app(BlockingApplication)}, which runs each call on its own virtual thread.
 */
@FunctionalInterface
public interface BlockingApplication {

    /**
     * Handles one connection or the lifespan; returning ends the call, throwing fails it.
     *
     * @param scope   what the connection is
     * @param receive yields the next inbound event
     * @param send    takes an outbound event
     * @throws Exception anything the handler does not handle itself; the server treats it as a failed call
     */
    void call(Scope scope, Receive receive, Send send) throws Exception;
}
