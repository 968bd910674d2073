package org.pagi.wrappers.response;

import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.Blocking;

/**
 * {@link ResponseWriter} for a blocking handler: each method returns when the server took the event. Every
 * method fails at once, having sent nothing, on an I/O event loop thread (see {@link Blocking}).
 */
public record BlockingResponseWriter(ResponseWriter writer) {

    /** Starts a response and returns its blocking writer; see {@link ResponseWriter#start}. */
    public static BlockingResponseWriter start(Scope scope, Send send, int status, Headers headers,
            boolean trailers) {
        Blocking.requireBlockingAllowed();
        return Blocking.await(ResponseWriter.start(scope, send, status, headers, trailers)).blocking();
    }

    /** Starts a response without trailers. */
    public static BlockingResponseWriter start(Scope scope, Send send, int status, Headers headers) {
        return start(scope, send, status, headers, false);
    }

    /** Writes {@code chunk}; returns once the server accepted it. See {@link ResponseWriter#write(Bytes)}. */
    public void write(Bytes chunk) {
        Blocking.requireBlockingAllowed();
        Blocking.await(writer.write(chunk));
    }

    /** Writes {@code text} as UTF-8; returns once the server accepted it. */
    public void write(String text) {
        Blocking.requireBlockingAllowed();
        Blocking.await(writer.write(text));
    }

    /** Asks the server to flush what it holds; returns when done. See {@link ResponseWriter#flush()}. */
    public void flush() {
        Blocking.requireBlockingAllowed();
        Blocking.await(writer.flush());
    }

    /** Ends the body with trailer {@code fields}. See {@link ResponseWriter#trailers(Headers)}. */
    public void trailers(Headers fields) {
        Blocking.requireBlockingAllowed();
        Blocking.await(writer.trailers(fields));
    }

    /** Ends the body; a second call does nothing. See {@link ResponseWriter#close()}. */
    public void close() {
        Blocking.requireBlockingAllowed();
        Blocking.await(writer.close());
    }

    /** @return whether the body was ended (by close or trailers) */
    public boolean isClosed() {
        return writer.isClosed();
    }
}
