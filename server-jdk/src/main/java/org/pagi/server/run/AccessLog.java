package org.pagi.server.run;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import org.pagi.protocol.exchange.Exchange;

/**
 * Writes one line per finished request in the configured {@link AccessLogFormat}. Thread-safe: lines from
 * different loops never interleave.
 */
public final class AccessLog {
    private final AccessLogFormat format;
    private final PrintStream out;

    private AccessLog(AccessLogFormat format, PrintStream out) {
        this.format = format;
        this.out = out;
    }

    /** @return an access log to standard output in {@code format} (a preset name or a custom format) */
    public static AccessLog toStdout(String format) {
        return new AccessLog(AccessLogFormat.parse(format), System.out);
    }

    /** @return an access log to {@code out} */
    public static AccessLog to(PrintStream out, String format) {
        return new AccessLog(AccessLogFormat.parse(format), out);
    }

    /** Logs a finished exchange. */
    public void log(Exchange ex) {
        var scope = ex.scope();
        AccessLogEntry entry = new AccessLogEntry(scope.client(), Instant.ofEpochMilli(ex.startMillis()),
                ex.head().method(), ex.head().target().latin1(), ex.head().httpVersion(), ex.status(),
                ex.bodyBytes(), Duration.ofNanos(System.nanoTime() - ex.startNanos()), ex.head().headers(),
                scope.type());
        out.println(format.format(entry));
    }
}
