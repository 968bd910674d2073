package org.pagi.server;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a hostile-input test watches besides the wire: the server's log (System.Logger backs onto
 * java.util.logging, so a handler on {@code org.pagi} sees every record the transport writes) and the JVM's heap.
 */
final class HostileRun implements AutoCloseable {
    private static final Logger SERVER_LOG = Logger.getLogger("org.pagi");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    HostileRun() {
        handler.setLevel(Level.ALL);
        SERVER_LOG.addHandler(handler);
    }

    /** @return the records at WARNING or above, or carrying an exception, seen since this run started */
    List<String> alarming() {
        return records.stream()
                .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue() || r.getThrown() != null)
                .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"))
                .toList();
    }

    /** @return the heap in use after full collections: what is reachable, not what awaits collection */
    static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Override
    public void close() {
        SERVER_LOG.removeHandler(handler);
    }
}
