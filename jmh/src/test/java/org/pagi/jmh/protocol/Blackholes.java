package org.pagi.jmh.protocol;

import org.openjdk.jmh.infra.Blackhole;

/** A {@link Blackhole} outside the JMH harness, for calling a benchmark method once from a unit test. */
final class Blackholes {
    private Blackholes() {
    }

    static Blackhole forTests() {
        // JMH asks for this exact sentence to make sure a direct Blackhole is a deliberate choice.
        return new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    }
}
