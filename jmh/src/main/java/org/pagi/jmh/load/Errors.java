package org.pagi.jmh.load;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What went wrong during a load run: a count, and the first description (later ones are usually the same
 * failure again). Thread-safe.
 */
final class Errors {
    private final LongAdder count = new LongAdder();
    private final AtomicReference<String> first = new AtomicReference<>();

    /** Counts one error. */
    void add(String description) {
        count.increment();
        first.compareAndSet(null, description);
    }

    /** Counts one error caused by {@code failure}. */
    void add(String what, Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        add(what + ": " + cause);
    }

    /** @return how many errors were counted */
    long count() {
        return count.sum();
    }

    /** @return the first error's description, or "none" */
    String first() {
        String f = first.get();
        return f == null ? "none" : f;
    }
}
