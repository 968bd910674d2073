package org.pagi.server;

/**
 * Where application code runs.
 *
 * <p>The default is {@link #VIRTUAL_THREADS}: an application that calls blocking code (JDBC, a file, a
 * {@code join()}) then blocks only its own virtual thread, never the selector loop that serves every other
 * connection of that loop. {@link #EVENT_LOOP} saves one thread hand-off per event and is the fastest, but it
 * is only safe for applications that never block.
 */
public enum ExecutionMode {
    /** Each application call runs on its own virtual thread. Safe for blocking code. */
    VIRTUAL_THREADS,
    /** Application calls run on the connection's selector thread. Fastest; the application must never block. */
    EVENT_LOOP
}
