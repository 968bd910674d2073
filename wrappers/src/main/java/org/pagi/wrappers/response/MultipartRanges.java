package org.pagi.wrappers.response;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.wrappers.http.ByteRange;

/**
 * A {@code multipart/byteranges} body (RFC 9110 section 14.6): each range as a part with its own
 * {@code Content-Type} (when the representation has one) and {@code Content-Range}, lines ended by CRLF, closed by
 * the final delimiter. The boundary is 128 random bits in hex, so it cannot be guessed into the content; the
 * length is computed exactly before the first byte is sent.
 */
final class MultipartRanges {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final List<ByteRange> ranges;
    private final Optional<String> partType;
    private final long completeLength;

    MultipartRanges(String boundary, List<ByteRange> ranges, Optional<String> partType, long completeLength) {
        this.boundary = boundary;
        this.ranges = List.copyOf(ranges);
        this.partType = partType;
        this.completeLength = completeLength;
    }

    /** A body with a fresh random boundary. */
    static MultipartRanges of(List<ByteRange> ranges, Optional<String> partType, long completeLength) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return new MultipartRanges(HexFormat.of().formatHex(random), ranges, partType, completeLength);
    }

    /** @return the response's {@code Content-Type} */
    String contentType() {
        return "multipart/byteranges; boundary=" + boundary;
    }

    /** @return the exact number of bytes {@link #send} sends */
    long contentLength() {
        long n = closing().length();
        for (int i = 0; i < ranges.size(); i++) {
            n += partHead(i).length() + ranges.get(i).length();
        }
        return n;
    }

    /** Sends every part, then the final delimiter; each piece waits for the server to take the one before. */
    CompletionStage<Void> send(Send send, BodySource source) {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < ranges.size(); i++) {
            ByteRange r = ranges.get(i);
            Bytes head = partHead(i);
            chain = chain.thenCompose(v -> send.send(HttpResponseBody.chunk(head)))
                    .thenCompose(v -> source.send(send, r.first(), r.length(), false));
        }
        return chain.thenCompose(v -> send.send(HttpResponseBody.last(closing())));
    }

    /** The delimiter and headers before part {@code i}; parts after the first start on a new line. */
    private Bytes partHead(int i) {
        StringBuilder head = new StringBuilder();
        head.append(i == 0 ? "" : "\r\n").append("--").append(boundary).append("\r\n");
        partType.ifPresent(t -> head.append("Content-Type: ").append(t).append("\r\n"));
        head.append("Content-Range: ").append(ranges.get(i).contentRange(completeLength)).append("\r\n\r\n");
        return Bytes.latin1(head.toString());
    }

    private Bytes closing() {
        return Bytes.latin1("\r\n--" + boundary + "--\r\n");
    }
}
