package org.pagi.protocol.sse;

/**
 * The peer's event stream went over one of the {@link SseDecoder}'s limits, so the decoder stopped rather than
 * buffer without bound. The client should close the stream. The message names the limit, its value and the line
 * where it was crossed, and never echoes the input.
 */
public final class SseLimitException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String limitName;
    private final long limit;

    /**
     * @param limitName the constructor argument that set the limit, such as {@code maxLineBytes}
     * @param limit     its value
     * @param detail    where it was crossed, without the raw input
     */
    SseLimitException(String limitName, long limit, String detail) {
        super(detail + ": over " + limitName + " (" + limit + " bytes)");
        this.limitName = limitName;
        this.limit = limit;
    }

    /** @return the name of the limit crossed: {@code maxLineBytes} or {@code maxEventBytes} */
    public String limitName() {
        return limitName;
    }

    /** @return the value of that limit, in bytes */
    public long limit() {
        return limit;
    }
}
