package org.pagi.wrappers.proxy;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.BlockingApplication;

/** Backend apps and byte generators shared by the proxy tests. */
final class Backends {
    private Backends() {
    }

    /** {@code handler} for http scopes; anything else (the lifespan) is refused. */
    static Application http(BlockingApplication handler) {
        Application blocking = Blocking.app(handler);
        return (scope, receive, send) -> scope instanceof HttpScope
                ? blocking.call(scope, receive, send)
                : CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
    }

    /**
     * Answers {@code METHOD raw-path?query} and the request body, with the request headers it saw stored in
     * {@code seen}.
     */
    static Application echo(AtomicReference<Headers> seen) {
        return http((scope, receive, send) -> {
            HttpScope http = (HttpScope) scope;
            seen.set(http.headers());
            Bytes body = readAll(receive);
            String query = http.queryString().isEmpty() ? "" : "?" + http.queryString().latin1();
            Bytes answer = Bytes.utf8(http.method() + " " + http.rawPath().latin1() + query + "\n").concat(body);
            Blocking.await(send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain",
                    "x-backend", "echo"))));
            Blocking.await(send.send(HttpResponseBody.last(answer)));
        });
    }

    static Bytes readAll(Receive receive) {
        Bytes body = Bytes.empty();
        while (true) {
            Event e = Blocking.await(receive.receive());
            if (e instanceof HttpRequest r) {
                body = body.concat(r.body());
                if (!r.more()) {
                    return body;
                }
            } else if (e instanceof HttpDisconnect) {
                return body;
            }
        }
    }

    /** Receives until the client (the proxy) disconnects. */
    static void awaitDisconnect(Receive receive) {
        while (!(Blocking.await(receive.receive()) instanceof HttpDisconnect)) {
            // the body, then nothing until the connection goes
        }
    }

    /** The byte at {@code position} of every generated stream: not constant, so misplaced bytes show. */
    static int patternByte(long position) {
        return (int) ((position * 31 + (position >>> 13)) % 251);
    }

    /** Fills {@code out} with the pattern from {@code position}. */
    static void fill(byte[] out, int length, long position) {
        for (int i = 0; i < length; i++) {
            out[i] = (byte) patternByte(position + i);
        }
    }

    /** The CRC-32 of the first {@code length} pattern bytes. */
    static long patternCrc(long length) {
        CRC32 crc = new CRC32();
        byte[] buf = new byte[64 * 1024];
        for (long at = 0; at < length; at += buf.length) {
            int n = (int) Math.min(buf.length, length - at);
            fill(buf, n, at);
            crc.update(buf, 0, n);
        }
        return crc.getValue();
    }

    /** {@code length} pattern bytes, generated as they are read, never held. */
    static InputStream pattern(long length) {
        return new InputStream() {
            private long at;

            @Override
            public int read() {
                return at < length ? patternByte(at++) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= length) {
                    return -1;
                }
                int n = (int) Math.min(len, length - at);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) patternByte(at + i);
                }
                at += n;
                return n;
            }
        };
    }
}
