package org.pagi.wrappers.http;

/**
 * One satisfiable range of a representation's bytes, both ends included (RFC 9110 section 14.1.2).
 *
 * @param first the offset of the first byte
 * @param last  the offset of the last byte, at least {@code first}
 */
public record ByteRange(long first, long last) {

    /** Checks the ends. */
    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("byte range needs 0 <= first <= last, got " + first + "-" + last);
        }
    }

    /** @return how many bytes the range holds */
    public long length() {
        return last - first + 1;
    }

    /** @return the {@code Content-Range} value for this range of a representation of {@code completeLength} bytes */
    public String contentRange(long completeLength) {
        return "bytes " + first + "-" + last + "/" + completeLength;
    }
}
