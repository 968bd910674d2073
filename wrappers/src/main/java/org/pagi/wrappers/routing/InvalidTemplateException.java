package org.pagi.wrappers.routing;

/** A path template that cannot be read; the message names the position (0-based) and what was wrong. */
public final class InvalidTemplateException extends IllegalArgumentException {

    private final int position;

    InvalidTemplateException(String template, int position, String problem) {
        super("bad path template '" + template + "' at position " + position + ": " + problem);
        this.position = position;
    }

    /** @return the 0-based character position in the template where the problem is */
    public int position() {
        return position;
    }
}
