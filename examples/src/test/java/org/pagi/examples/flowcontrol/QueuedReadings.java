package org.pagi.examples.flowcontrol;

import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Readings the test hands over one by one, numbered, then the end of the source. Thread-safe. */
final class QueuedReadings implements Readings {
    /** Padding so a reading weighs about 2 KB, as upstream's. */
    static final String PADDING = " " + ".".repeat(2000);

    private final LinkedBlockingQueue<Optional<String>> queue = new LinkedBlockingQueue<>();

    @Override
    public Optional<String> next() throws InterruptedException {
        Optional<String> reading = queue.poll(30, TimeUnit.SECONDS);
        return reading == null ? Optional.empty() : reading; // a test that forgot to end ends it here
    }

    /** Hands over reading number {@code n}. */
    void push(int n) {
        queue.add(Optional.of(text(n)));
    }

    /** Ends the source, which ends the stream. */
    void end() {
        queue.add(Optional.empty());
    }

    static String text(int n) {
        return "reading " + n + PADDING;
    }

    /** @return the number of a reading's text */
    static int number(String text) {
        return Integer.parseInt(text.substring("reading ".length(), text.indexOf(' ', "reading ".length())));
    }
}
