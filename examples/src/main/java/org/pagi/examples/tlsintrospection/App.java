package org.pagi.examples.tlsintrospection;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.TlsInfo;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/**
 * Reports what the {@code tls} extension says about the connection. After reading the request body it sends
 * {@code 200}, {@code content-type: text/plain}, and either {@code TLS info:} followed by a small JSON object, or
 * {@code Connection is not using TLS} when the scope has no {@code tls} extension (cleartext, or a server without
 * the extension):
 *
 * <pre>
 * TLS info:
 * {
 *    "cipher_suite" : "0x1301",
 *    "client_cert" : null,
 *    "tls_version" : "0x0304"
 * }
 * </pre>
 *
 * The version and the cipher suite are the numbers on the wire, as four hex digits ({@code 0x0000} for an unknown
 * version, {@code null} for an unknown cipher suite); {@code client_cert} is the client certificate's subject, or
 * {@code null} without one. The JSON is laid out as the upstream example's Perl encoder lays it out (three-space
 * indent, {@code " : "}), with the keys in order.
 *
 * <p>Each call runs on a virtual thread of its own and waits with {@code join()}. Serves {@code http} scopes
 * only. Stateless and thread-safe.
 */
public final class App implements Application {
    static final String NOT_TLS = "Connection is not using TLS";

    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("tls-introspection").start(task);

    /** Creates the application; it holds no state. */
    public App() {
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof HttpScope http)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        return CompletableFuture.runAsync(() -> answer(http, receive, send), VIRTUAL_THREADS);
    }

    private static void answer(HttpScope http, Receive receive, Send send) {
        if (!readWholeBody(receive)) {
            return; // http.disconnect: nobody is left to answer
        }
        String body = http.extensions().tls().map(App::describe).orElse(NOT_TLS);
        await(send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain"))));
        await(send.send(HttpResponseBody.last(Bytes.utf8(body))));
    }

    /** @return {@code TLS info:} and the facts as JSON, ending with a line break */
    static String describe(TlsInfo tls) {
        return "TLS info:\n{\n"
                + "   \"cipher_suite\" : " + hexOrNull(tls.cipherSuite()) + ",\n"
                + "   \"client_cert\" : " + tls.clientCertName().map(App::jsonString).orElse("null") + ",\n"
                + "   \"tls_version\" : " + jsonString(hex(tls.tlsVersion().orElse(0))) + "\n"
                + "}\n";
    }

    private static String hexOrNull(OptionalInt value) {
        return value.isPresent() ? jsonString(hex(value.getAsInt())) : "null";
    }

    private static String hex(int value) {
        return String.format("0x%04x", value);
    }

    /** A JSON string (RFC 8259 section 7): quotes, backslashes and control characters escaped. */
    static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** @return true once the body is read (and ignored); false if {@code http.disconnect} came first */
    private static boolean readWholeBody(Receive receive) {
        while (await(receive.receive()) instanceof HttpRequest piece) {
            if (!piece.more()) {
                return true;
            }
        }
        return false;
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
