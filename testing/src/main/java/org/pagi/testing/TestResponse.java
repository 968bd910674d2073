package org.pagi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * A complete HTTP response as the test client saw it: status, headers, trailers, the body as bytes, text or
 * JSON, and the body chunks as the application sent them, so streaming stays visible. Immutable.
 */
public final class TestResponse {
    private final int status;
    private final Headers headers;
    private final Headers trailers;
    private final List<Bytes> chunks;
    private final boolean aborted;
    private final List<TestResponse> history;
    private final Bytes body;

    TestResponse(int status, Headers headers, Headers trailers, List<Bytes> chunks, boolean aborted,
            List<TestResponse> history) {
        this.status = status;
        this.headers = Objects.requireNonNull(headers);
        this.trailers = Objects.requireNonNull(trailers);
        this.chunks = List.copyOf(chunks);
        this.aborted = aborted;
        this.history = List.copyOf(history);
        Bytes all = Bytes.empty();
        for (Bytes c : chunks) {
            all = all.concat(c);
        }
        this.body = all;
    }

    /** @return the status code */
    public int status() {
        return status;
    }

    /** @return the response headers as the application sent them */
    public Headers headers() {
        return headers;
    }

    /** @return the first value of header {@code name} */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** @return the trailer fields; empty if none were sent */
    public Headers trailers() {
        return trailers;
    }

    /** @return the whole body */
    public Bytes body() {
        return body;
    }

    /** @return the non-empty body pieces, one per {@code http.response.body} event */
    public List<Bytes> chunks() {
        return chunks;
    }

    /**
     * @return the body decoded with the {@code charset} parameter of {@code content-type}, UTF-8 when it names
     *         none (strictly: malformed bytes fail the test)
     */
    public String text() {
        return body.decode(charset());
    }

    /** @return the body parsed as JSON */
    public JsonNode json() {
        return Json.tree(body);
    }

    /** @return the body parsed as JSON into {@code type} */
    public <T> T json(Class<T> type) {
        return Json.read(body, type);
    }

    /**
     * @return whether the response was cut off: the application failed or returned mid-body and, as a server
     *         would, the client saw a broken response (only without {@code raiseAppExceptions})
     */
    public boolean aborted() {
        return aborted;
    }

    /** @return the redirect responses followed on the way to this one, oldest first */
    public List<TestResponse> history() {
        return history;
    }

    TestResponse withHistory(List<TestResponse> earlier) {
        return new TestResponse(status, headers, trailers, chunks, aborted, earlier);
    }

    private Charset charset() {
        for (String part : header("content-type").orElse("").split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring(8).trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new AssertionError("content-type names an unknown charset '" + name + "'", e);
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public String toString() {
        return "TestResponse[" + status + ", " + headers + ", " + body + (aborted ? ", aborted" : "") + "]";
    }
}
