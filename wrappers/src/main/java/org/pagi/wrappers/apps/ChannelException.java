package org.pagi.wrappers.apps;

/** A {@link Channel} refused or could not carry out a publish or a subscription; the message says why. */
public class ChannelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was refused and why */
    public ChannelException(String message) {
        super(message);
    }

    /** @param message what failed @param cause the store's failure */
    public ChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
