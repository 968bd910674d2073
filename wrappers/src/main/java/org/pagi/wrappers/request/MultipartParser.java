package org.pagi.wrappers.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.wrappers.http.MediaType;
import org.pagi.wrappers.http.MediaTypeParseException;

/**
 * A sans-IO {@code multipart/form-data} parser (RFC 7578 over RFC 2046 section 5.1.1): feed it the body in
 * chunks split anywhere and it returns what each chunk completed, as {@link MultipartEvent}s. It never holds
 * more than one header block (at most {@code maxHeaderBytes}) or a delimiter's length of part data.
 *
 * <p>Rules: a delimiter is {@code --boundary} at the start of the body or after CRLF; the preamble before the
 * first one and the epilogue after the closing {@code --boundary--} are ignored; linear white space after a
 * delimiter is allowed; part headers are UTF-8 and must include a {@code form-data} Content-Disposition with a
 * {@code name}. Anything else, and a body that ends before the closing delimiter, fails with
 * {@link BadRequestException} (400) naming the rule. Not thread-safe: one parser per body.
 */
public final class MultipartParser {

    /** Default limit of one part's header block, in bytes. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    private static final int MAX_PADDING = 256;

    private enum State { PREAMBLE, AFTER_DELIMITER, HEADERS, DATA, EPILOGUE }

    private final byte[] delimiter;     // CRLF "--" boundary
    private final int maxHeaderBytes;
    private byte[] buf = new byte[4096];
    private int start;
    private int end;
    private State state = State.PREAMBLE;

    /** @param boundary the boundary parameter (see {@link #boundaryOf}); @param maxHeaderBytes per part */
    public MultipartParser(String boundary, int maxHeaderBytes) {
        Objects.requireNonNull(boundary, "boundary");
        if (maxHeaderBytes < 1) {
            throw new IllegalArgumentException("maxHeaderBytes must be >= 1, got " + maxHeaderBytes);
        }
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.maxHeaderBytes = maxHeaderBytes;
        // The body's first line may be the delimiter itself: act as if a CRLF came before it.
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    /**
     * The boundary of a {@code multipart/form-data} Content-Type.
     *
     * @throws UnsupportedMediaTypeException when the type is absent or not multipart/form-data
     * @throws BadRequestException when the boundary is missing or not 1-70 RFC 2046 characters, or the
     *     multipart content type's parameters are malformed
     */
    public static String boundaryOf(Optional<String> contentType) {
        MediaType type;
        try {
            type = MediaType.parse(contentType.orElseThrow(() -> new UnsupportedMediaTypeException(
                    "expected content-type multipart/form-data, got none")));
        } catch (MediaTypeParseException e) {
            if (contentType.get().strip().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
                throw new BadRequestException("malformed multipart content-type: " + e.getMessage(), e);
            }
            throw new UnsupportedMediaTypeException("expected content-type multipart/form-data, got "
                    + contentType.orElse(""), e);
        }
        if (!type.essence().equals("multipart/form-data")) {
            throw new UnsupportedMediaTypeException("expected content-type multipart/form-data, got "
                    + contentType.orElse(""));
        }
        String boundary = type.parameter("boundary").orElseThrow(() -> new BadRequestException(
                "multipart/form-data content-type has no boundary parameter"));
        if (boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")
                || !boundary.chars().allMatch(MultipartParser::isBoundaryChar)) {
            throw new BadRequestException("invalid multipart boundary '" + boundary
                    + "': 1-70 characters of letters, digits and '()+_,-./:=? ', not ending in a space");
        }
        return boundary;
    }

    private static boolean isBoundaryChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "'()+_,-./:=? ".indexOf(c) >= 0;
    }

    /** Parses the next bytes of the body. @return the events they completed, in order */
    public List<MultipartEvent> feed(Bytes chunk) {
        append(chunk.toByteArray());
        List<MultipartEvent> out = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = switch (state) {
                case PREAMBLE -> preamble();
                case AFTER_DELIMITER -> afterDelimiter(out);
                case HEADERS -> headers(out);
                case DATA -> data(out);
                case EPILOGUE -> {
                    start = end;
                    yield false;
                }
            };
        }
        return out;
    }

    /** Ends the body. @throws BadRequestException unless the closing delimiter was seen */
    public void finish() {
        if (state != State.EPILOGUE) {
            throw new BadRequestException("multipart body ended before its closing boundary"
                    + (state == State.PREAMBLE ? " (no boundary found at all)" : ""));
        }
    }

    /** Whether the closing delimiter was seen: later bytes are epilogue. */
    public boolean isComplete() {
        return state == State.EPILOGUE;
    }

    private boolean preamble() {
        int at = indexOf(delimiter, start);
        if (at < 0) {
            start = Math.max(start, end - (delimiter.length - 1));
            return false;
        }
        start = at + delimiter.length;
        state = State.AFTER_DELIMITER;
        return true;
    }

    private boolean afterDelimiter(List<MultipartEvent> out) {
        if (end - start < 2) {
            return false;
        }
        if (buf[start] == '-' && buf[start + 1] == '-') {
            state = State.EPILOGUE;
            start = end;
            out.add(new MultipartEvent.End());
            return false;
        }
        int i = start;
        while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        if (i - start > MAX_PADDING) {
            throw new BadRequestException("multipart delimiter line has more than " + MAX_PADDING
                    + " bytes of padding");
        }
        if (end - i < 2) {
            return false;
        }
        if (buf[i] != '\r' || buf[i + 1] != '\n') {
            throw new BadRequestException("multipart delimiter must be followed by CRLF or '--'");
        }
        start = i + 2;
        state = State.HEADERS;
        return true;
    }

    private boolean headers(List<MultipartEvent> out) {
        int blockEnd;
        int next;
        if (end - start >= 2 && buf[start] == '\r' && buf[start + 1] == '\n') {
            blockEnd = start;       // no headers at all
            next = start + 2;
        } else {
            int at = indexOf(new byte[] {'\r', '\n', '\r', '\n'}, start);
            if (at < 0 || at - start > maxHeaderBytes) {
                if (end - start > maxHeaderBytes + 4 || (at >= 0)) {
                    throw new BadRequestException("multipart part headers exceed " + maxHeaderBytes + " bytes");
                }
                return false;
            }
            blockEnd = at;
            next = at + 4;
        }
        // Byte-exact here; the fields that carry text (names, filenames) are decoded as UTF-8 below.
        String block = new String(buf, start, blockEnd - start, StandardCharsets.ISO_8859_1);
        start = next;
        out.add(PartHead.parse(block));
        state = State.DATA;
        return true;
    }

    private boolean data(List<MultipartEvent> out) {
        int at = indexOf(delimiter, start);
        if (at < 0) {
            int safe = end - (delimiter.length - 1);
            if (safe > start) {
                out.add(new MultipartEvent.Data(Bytes.of(java.util.Arrays.copyOfRange(buf, start, safe))));
                start = safe;
            }
            return false;
        }
        if (at > start) {
            out.add(new MultipartEvent.Data(Bytes.of(java.util.Arrays.copyOfRange(buf, start, at))));
        }
        out.add(new MultipartEvent.PartEnd());
        start = at + delimiter.length;
        state = State.AFTER_DELIMITER;
        return true;
    }

    private int indexOf(byte[] needle, int from) {
        outer:
        for (int i = from; i <= end - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void append(byte[] bytes) {
        if (state == State.EPILOGUE) {
            return;
        }
        if (end + bytes.length > buf.length) {
            int live = end - start;
            byte[] target = live + bytes.length > buf.length
                    ? new byte[Math.max(buf.length * 2, live + bytes.length)] : buf;
            System.arraycopy(buf, start, target, 0, live);
            buf = target;
            start = 0;
            end = live;
        }
        System.arraycopy(bytes, 0, buf, end, bytes.length);
        end += bytes.length;
    }

    /** Reads a part's header block into a {@link MultipartEvent.PartStart}. */
    private static final class PartHead {

        static MultipartEvent.PartStart parse(String block) {
            List<Header> fields = new ArrayList<>();
            if (!block.isEmpty()) {
                for (String line : block.split("\r\n", -1)) {
                    int colon = line.indexOf(':');
                    if (colon <= 0) {
                        throw new BadRequestException("malformed multipart part header line '" + line + "'");
                    }
                    try {
                        fields.add(Header.of(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
                    } catch (IllegalArgumentException e) {
                        throw new BadRequestException("invalid multipart part header: " + e.getMessage(), e);
                    }
                }
            }
            Headers headers = Headers.of(fields);
            String disposition = headers.first("content-disposition").map(PartHead::utf8).orElseThrow(() -> new BadRequestException(
                    "multipart part has no Content-Disposition header"));
            ContentDisposition cd = ContentDisposition.parse(disposition);
            if (!cd.type().equalsIgnoreCase("form-data")) {
                throw new BadRequestException("multipart part Content-Disposition is '" + cd.type()
                        + "', expected form-data");
            }
            String name = cd.param("name").orElseThrow(() -> new BadRequestException(
                    "multipart part Content-Disposition has no name"));
            Optional<String> filename = cd.param("filename*").flatMap(ContentDisposition::extValue)
                    .or(() -> cd.param("filename"));
            return new MultipartEvent.PartStart(headers, name, filename,
                    headers.first("content-type").map(PartHead::utf8).filter(s -> !s.isEmpty()));
        }

        private static String utf8(String latin1) {
            return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
    }
}
