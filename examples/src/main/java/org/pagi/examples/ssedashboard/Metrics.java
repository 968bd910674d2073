package org.pagi.examples.ssedashboard;

import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * One reading the dashboard shows, sent as the JSON data of a {@code metrics} event:
 * {@code {"cpu":..,"memory":..,"requests":..,"timestamp":..}}.
 *
 * @param cpu       CPU use in percent
 * @param memory    memory use in percent
 * @param requests  requests per second
 * @param timestamp when it was taken, in seconds since the epoch (the page turns it into a local time)
 */
public record Metrics(int cpu, int memory, int requests, long timestamp) {

    /**
     * Made-up figures in the upstream example's ranges: CPU 20-79 %, memory 40-79 %, 0-999 requests a second.
     *
     * @param random where the figures come from
     * @return a reading stamped now
     */
    public static Metrics random(RandomGenerator random) {
        return new Metrics(20 + random.nextInt(60), 40 + random.nextInt(40), random.nextInt(1000),
                Instant.now().getEpochSecond());
    }
}
