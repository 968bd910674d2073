package org.pagi.protocol.http1;

/**
 * The limits of the HTTP/1.1 codec. Every one is a server setting.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>name</th><th>default</th><th>when exceeded</th></tr>
 *   <tr><td>maxRequestLineBytes</td><td>8 KiB</td><td>414, close</td></tr>
 *   <tr><td>maxHeaderBytes</td><td>8 KiB</td><td>431, close</td></tr>
 *   <tr><td>maxHeaderCount</td><td>100</td><td>431, close</td></tr>
 *   <tr><td>maxBodyBytes</td><td>10 MB (0 = unlimited)</td><td>413, close</td></tr>
 *   <tr><td>maxChunkLineBytes</td><td>4 KiB</td><td>400, close</td></tr>
 * </table>
 * 8 KiB for the request line and for the header section matches nginx's {@code large_client_header_buffers}
 * (8k) and Node's 16 KiB total; Apache allows 8190 bytes per line and 100 fields, the same count used here.
 * The 10 MB body limit is the upstream PAGI server's default.
 *
 * @param maxRequestLineBytes the longest request line, CRLF excluded
 * @param maxHeaderBytes      the largest header section (all field lines, CRLFs included)
 * @param maxHeaderCount      the most header fields
 * @param maxBodyBytes        the largest request body; 0 for no limit
 * @param maxChunkLineBytes   the longest chunk-size line, extensions included
 */
public record Http1Limits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount, long maxBodyBytes,
        int maxChunkLineBytes) {
    /** Default request-line limit. */
    public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 8 * 1024;
    /** Default header-section limit. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    /** Default header-count limit. */
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;
    /** Default body limit. */
    public static final long DEFAULT_MAX_BODY_BYTES = 10_000_000;
    /** Default chunk-line limit. */
    public static final int DEFAULT_MAX_CHUNK_LINE_BYTES = 4 * 1024;

    /** Checks every limit, naming the bad one. */
    public Http1Limits {
        positive("maxRequestLineBytes", maxRequestLineBytes);
        positive("maxHeaderBytes", maxHeaderBytes);
        positive("maxHeaderCount", maxHeaderCount);
        positive("maxChunkLineBytes", maxChunkLineBytes);
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be 0 (unlimited) or more, got " + maxBodyBytes);
        }
    }

    /** @return the defaults */
    public static Http1Limits defaults() {
        return new Http1Limits(DEFAULT_MAX_REQUEST_LINE_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADER_COUNT,
                DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CHUNK_LINE_BYTES);
    }

    /** @return these limits with another body limit */
    public Http1Limits withMaxBodyBytes(long value) {
        return new Http1Limits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, value, maxChunkLineBytes);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more, got " + value);
        }
    }
}
