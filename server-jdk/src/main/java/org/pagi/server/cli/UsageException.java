package org.pagi.server.cli;

/**
 * A command line the launcher cannot run: an unknown option, a missing or bad value. The message is one line that
 * names the option ({@code --port: expected an integer 0-65535, got 'abc'}); the launcher prefixes
 * {@code pagi-server: } and exits with status 2.
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, starting with the option's name */
    public UsageException(String message) {
        super(message);
    }
}
