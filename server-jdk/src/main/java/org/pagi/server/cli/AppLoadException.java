package org.pagi.server.cli;

/**
 * The {@code --app} value names nothing the launcher can run: no such class or file, a file that does not
 * compile, a class that is not an application, or one whose constructor or {@code app()} method failed. The
 * message says which; the launcher prints it and exits with status 2.
 */
public final class AppLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the class or file */
    public AppLoadException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the class or file
     * @param cause   what the application's own code threw
     */
    public AppLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
