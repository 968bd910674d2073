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

    public void write(Bytes chunk) {
        Blocking.requireBlockingAllowed();
        Blocking.await(writer.write(chunk));
    }

    public void write(String text) {
        Blocking.requireBlockingAllowed();
        Blocking.await(writer.write(text));
    }

    public void flush() {
        Blocking.requireBlockingAllowed();
        Blocking.await(writer.flush());
    }

    public void trailers(Headers fields) {
        Blocking.requireBlockingAllowed();
        Blocking.await(writer.trailers(fields));
    }

    public void close() {
        Blocking.requireBlockingAllowed();
        Blocking.await(writer.close());
    }

    public boolean isClosed() {
        return writer.isClosed();
    }
}
