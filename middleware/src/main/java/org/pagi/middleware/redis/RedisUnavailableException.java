package org.pagi.middleware.redis;

/** Redis could not be reached or stopped answering; the message names the address. */
public class RedisUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the address @param cause the client's failure */
    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
