package org.pagi.wrappers.json;

/** Bytes that are not the JSON the caller asked for; carries the parser's 1-based line and column. */
public final class JsonDecodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    public JsonDecodingException(String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
