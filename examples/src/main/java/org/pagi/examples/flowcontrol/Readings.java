package org.pagi.examples.flowcontrol;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** A source of readings for one stream: each call waits for the next one. */
@FunctionalInterface
public interface Readings {
    /** How often the default source has a fresh reading, as upstream. */
    Duration TICK = Duration.ofMillis(20);

    /**
     * @return the next reading; empty when the source has no more, which ends the stream
     * @throws InterruptedException if the waiting thread is interrupted
     */
    Optional<String> next() throws InterruptedException;

    /**
     * @return upstream's stand-in for a high-frequency source (market data, a sensor): the local time padded to
     *         about 2 KB, a fresh one every {@link #TICK}, without end
     */
    static Readings clock() {
        return () -> {
            Thread.sleep(TICK);
            return Optional.of(LocalDateTime.now().withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + " " + ".".repeat(2000));
        };
    }
}
