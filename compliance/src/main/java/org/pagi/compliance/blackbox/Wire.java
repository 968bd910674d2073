package org.pagi.compliance.blackbox;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.protocol.http1.ResponseReader;
import org.pagi.protocol.http1.Violation;

/**
 * What the HTTP and robustness cases share: request text, sending bytes the server may refuse halfway, and
 * reading everything a server writes before it closes as a list of responses. That last one is how a
 * rejection is checked: the error response must be complete, it must be the only one (no smuggled second
 * request was answered), and the server must close. Stateless.
 */
final class Wire {
    /**
     * A body that tells which framing a server used. Read with its {@code Content-Length} of 13 it is echoed
     * whole; read as chunked it is the one byte {@code A}. Cases that hide a {@code Transfer-Encoding} in a
     * malformed line send it, so the echo shows whether the hidden field took effect.
     */
    static final String FRAMING_PROBE_BODY = "1\r\nA\r\n0\r\n\r\n";

    private Wire() {
    }

    /** @return the {@code Host} field line naming the target */
    static String host(Target t) {
        return "Host: " + t.authority() + "\r\n";
    }

    /** @return a complete {@code GET path} HTTP/1.1 request */
    static String get(Target t, String path) {
        return "GET " + path + " HTTP/1.1\r\n" + host(t) + "\r\n";
    }

    /** @return a {@code POST /echo} HTTP/1.1 request with a {@code Content-Length} body */
    static String echo(Target t, String body) {
        return "POST /echo HTTP/1.1\r\n" + host(t) + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** @return {@code text} as ISO-8859-1 bytes, one byte per char */
    static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes {@code raw}, tolerating a reset: a server may answer and close after the first bytes of a request
     * it refuses (an oversized head, garbage), and its answer is then still there to read.
     */
    static void sendTolerant(HttpConnection c, byte[] raw) {
        try {
            c.send(raw);
        } catch (IOException refusedMidway) {
            // the server stopped reading; what it wrote before that is checked by the caller
        }
    }

    /**
     * Sends {@code request} on a fresh connection and reads until the server closes it, or until it has been
     * silent for the target's timeout; {@link Replies#closed()} tells which.
     *
     * @throws CaseFailed when the server wrote malformed HTTP
     */
    static Replies untilClose(Target t, byte[] request) throws IOException {
        try (HttpConnection c = t.http()) {
            sendTolerant(c, request);
            return untilClose(c);
        }
    }

    /** @see #untilClose(Target, byte[]) */
    static Replies untilClose(Target t, String request) throws IOException {
        return untilClose(t, latin1(request));
    }

    /**
     * Reads {@code c}, on which nothing was read yet (this bypasses the connection's parser), until the server
     * closes it (FIN or reset) or is silent for the target's timeout, and parses what came.
     */
    static Replies untilClose(HttpConnection c) throws IOException {
        InputStream in = c.socket().getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        boolean closed = true;
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                got.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            closed = false;
        } catch (SocketException | SSLException reset) {
            // a reset ends the connection as a FIN does; what came before it is kept
        }
        return parse(got.toString(StandardCharsets.ISO_8859_1), closed);
    }

    /**
     * Parses {@code raw}, everything a server wrote before closing ({@code closed}) or falling silent, as
     * responses to requests that are not HEAD.
     *
     * @throws CaseFailed when the bytes are not HTTP, other than a last response cut short where they end
     */
    private static Replies parse(String raw, boolean closed) throws IOException {
        byte[] bytes = latin1(raw);
        boolean[] given = {false};
        ResponseReader reader = new ResponseReader(() -> {
            if (given[0]) {
                return new byte[0];
            }
            given[0] = true;
            return bytes;
        });
        List<ResponseReader.Response> responses = new ArrayList<>();
        while (true) {
            try {
                responses.add(reader.read("GET", false));
            } catch (EOFException end) {
                return new Replies(responses, false, closed, raw);
            } catch (ProtocolException e) {
                if (e.violation() == Violation.INCOMPLETE_MESSAGE) {
                    return new Replies(responses, true, closed, raw);
                }
                throw new CaseFailed("the server wrote malformed HTTP: " + e.getMessage() + "; got "
                        + Expect.excerpt(raw));
            }
        }
    }

    /**
     * Sends {@code request} on a fresh connection and checks that the server rejected it: exactly one complete
     * response, with one of {@code statuses}, and then the connection closed.
     */
    static void rejected(Target t, String request, int... statuses) throws IOException {
        untilClose(t, latin1(request)).expectOnly(statuses);
    }

    /**
     * Sends {@code request}, which ends with {@code Connection: close} and a body that a malformed line may or
     * may not turn into a chunked one, and checks that the server either rejected it (one of
     * {@code statuses}, closed) or read the body by its {@code Content-Length}, echoing {@code contentLengthBody}
     * byte for byte.
     */
    static void rejectedOrContentLength(Target t, String request, String contentLengthBody, int... statuses)
            throws IOException {
        Replies r = untilClose(t, request);
        r.expectComplete();
        Expect.equal(1, r.responses().size(), "responses before the close (" + r.statuses() + ")");
        ResponseReader.Response only = r.responses().get(0);
        if (only.status() == 200) {
            Expect.equal(contentLengthBody, only.body().latin1(), "echo of a body read by its Content-Length");
        } else {
            Expect.that(contains(statuses, only.status()), "expected a rejection " + Arrays.toString(statuses)
                    + " or a 200 echo of the Content-Length body, got " + only.status());
        }
    }

    /** @return whether {@code value} is one of {@code values} */
    static boolean contains(int[] values, int value) {
        return Arrays.stream(values).anyMatch(v -> v == value);
    }

    /** @return the codings of a message's {@code Transfer-Encoding} fields, lower-case, in order */
    static List<String> transferCodings(ResponseReader.Response r) {
        return r.headers().all("transfer-encoding").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** @return the value of the response's only {@code Content-Length}, if it has one */
    static Optional<Long> contentLength(ResponseReader.Response r) {
        List<String> all = r.headers().all("content-length");
        Expect.that(all.size() <= 1, "the response has " + all.size() + " Content-Length fields");
        return all.stream().findFirst().map(v -> {
            Expect.that(v.strip().matches("[0-9]{1,18}"), "Content-Length is not a number: " + Expect.excerpt(v));
            return Long.parseLong(v.strip());
        });
    }

    /**
     * Everything a server wrote on one connection before closing it or falling silent.
     *
     * @param responses the complete responses, in order
     * @param cut       whether a further response was cut short where the bytes end (a response the server had
     *                  begun and then aborted, or one still unfinished when it fell silent)
     * @param closed    whether the server closed the connection; false when it was silent for the timeout
     * @param raw       the bytes as read
     */
    record Replies(List<ResponseReader.Response> responses, boolean cut, boolean closed, String raw) {
        Replies {
            responses = List.copyOf(responses);
        }

        /** @return the statuses of the complete responses, e.g. {@code [200, 400]} */
        String statuses() {
            return responses.stream().map(r -> Integer.toString(r.status()))
                    .collect(Collectors.joining(", ", "[", "]"));
        }

        /** Fails unless the server closed the connection. */
        void expectClosed() {
            Expect.that(closed, "the connection was still open after the server "
                    + (responses.isEmpty() ? "wrote " + Expect.excerpt(raw) : "answered " + statuses())
                    + (cut && !responses.isEmpty() ? " and began another response" : "")
                    + " and fell silent; expected it to close");
        }

        /** Fails unless the server closed the connection with its last response complete. */
        void expectComplete() {
            expectClosed();
            Expect.that(!cut, "the server closed in the middle of a response; got " + Expect.excerpt(raw));
        }

        /** Fails unless there is exactly one complete response, with one of {@code statuses}, then the close. */
        void expectOnly(int... statuses) {
            if (!responses.isEmpty() && !contains(statuses, responses.get(0).status())) {
                ResponseReader.Response first = responses.get(0);
                throw new CaseFailed("expected status " + (statuses.length == 1 ? statuses[0] : "one of "
                        + Arrays.toString(statuses)) + ", got " + first.status() + " "
                        + Expect.excerpt(first.body().latin1()));
            }
            expectComplete();
            Expect.that(!responses.isEmpty(), "the server closed the connection without a response; expected "
                    + Arrays.toString(statuses));
            Expect.that(responses.size() == 1, "after the rejection the server answered again: statuses "
                    + statuses() + " (a second request was read from bytes that belonged to the first)");
        }
    }
}
