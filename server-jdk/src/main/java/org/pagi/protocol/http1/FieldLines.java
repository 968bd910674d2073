package org.pagi.protocol.http1;

import java.util.ArrayList;
import java.util.List;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;

/**
 * Collects header (or trailer) field lines one at a time, applying the syntax rules and the size and count
 * limits (RFC 9112 section 5).
 */
final class FieldLines {
    private final int maxBytes;
    private final int maxCount;
    private final List<Header> fields = new ArrayList<>();
    private int bytes;

    FieldLines(int maxBytes, int maxCount) {
        this.maxBytes = maxBytes;
        this.maxCount = maxCount;
    }

    /** @throws ProtocolException if the unfinished section already exceeds the size limit */
    void checkPending(int pendingBytes) throws ProtocolException {
        if (bytes + pendingBytes > maxBytes) {
            throw new ProtocolException(Violation.HEADER_SECTION_TOO_LARGE,
                    "header section exceeds " + maxBytes + " bytes");
        }
    }

    /**
     * Adds one line.
     *
     * @param b     the buffer
     * @param start the first byte of the line
     * @param end   the index of its LF
     * @return true if this was the empty line that ends the section
     */
    boolean add(byte[] b, int start, int end) throws ProtocolException {
        bytes += end - start + 1;
        if (bytes > maxBytes) {
            throw new ProtocolException(Violation.HEADER_SECTION_TOO_LARGE, "header section exceeds " + maxBytes + " bytes");
        }
        int stop = Lines.contentEnd(b, start, end);
        if (stop == start) {
            return true;
        }
        if (b[start] == ' ' || b[start] == '\t') {
            throw new ProtocolException(Violation.OBSOLETE_LINE_FOLDING,
                    "field line " + (fields.size() + 1) + " starts with whitespace");
        }
        int colon = -1;
        for (int i = start; i < stop; i++) {
            byte c = b[i];
            if (c == ':') {
                colon = i;
                break;
            }
            if (c == ' ' || c == '\t') {
                boolean rest = true;
                for (int j = i; j < stop && b[j] != ':'; j++) {
                    rest &= b[j] == ' ' || b[j] == '\t';
                }
                throw new ProtocolException(rest ? Violation.WHITESPACE_BEFORE_COLON : Violation.INVALID_HEADER_NAME,
                        "whitespace at offset " + (i - start) + " of field line " + (fields.size() + 1));
            }
            if (!Lines.isTokenChar(c)) {
                throw new ProtocolException(Violation.INVALID_HEADER_NAME, "byte " + Lines.hex(c) + " at offset "
                        + (i - start) + " of field line " + (fields.size() + 1));
            }
        }
        if (colon <= start) {
            throw new ProtocolException(Violation.INVALID_HEADER_NAME,
                    (colon < 0 ? "no colon" : "empty name") + " in field line " + (fields.size() + 1));
        }
        int vs = colon + 1;
        int ve = stop;
        while (vs < ve && (b[vs] == ' ' || b[vs] == '\t')) {
            vs++;
        }
        while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
            ve--;
        }
        for (int i = vs; i < ve; i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                throw new ProtocolException(c == '\r' ? Violation.BARE_CR : Violation.INVALID_HEADER_VALUE,
                        "byte " + Lines.hex(b[i]) + " at offset " + (i - start) + " of field line " + (fields.size() + 1));
            }
        }
        if (fields.size() == maxCount) {
            throw new ProtocolException(Violation.TOO_MANY_HEADERS, "more than " + maxCount + " header fields");
        }
        fields.add(new Header(Lines.lowerAscii(b, start, colon), Bytes.of(b, vs, ve - vs)));
        return false;
    }

    Headers headers() {
        return Headers.of(fields);
    }
}
