package org.pagi.wrappers.json;

/** Bytes that are not the JSON the caller asked for; carries the parser's 1-based line and column. */
public final class JsonDecodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /** A decoding failure at {@code line}:{@code column} (1-based, as the parser reports them). */
    public JsonDecodingException(String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
    }

    /** @return the 1-based line where the parser stopped */
    public int line() {
        return line;
    }

    /** @return the 1-based column where the parser stopped */
    public int column() {
        return column;
    }
}
