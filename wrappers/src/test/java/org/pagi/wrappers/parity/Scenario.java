package org.pagi.wrappers.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request (or conversation) and what its observation must contain, so that two drivers agreeing on a wrong
 * answer still fails.
 *
 * @param name   unique, shown in failures
 * @param expect a piece of the observation's {@code toString()}
 * @param call   what to do through a driver
 */
record Scenario(String name, String expect, Call call) {

    /** A request through a driver, returning its normalised observation. */
    @FunctionalInterface
    interface Call {
        Object run(Driver driver) throws Exception;
    }

    /** Runs every scenario in order through {@code driver}; @return name to observation */
    static Map<String, Object> runAll(Driver driver, List<Scenario> scenarios) throws Exception {
        Map<String, Object> seen = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            Object observed;
            try {
                observed = s.call.run(driver);
            } catch (Exception | AssertionError e) {
                throw new AssertionError(s.name + " failed through " + driver.getClass().getSimpleName(), e);
            }
            assertTrue(observed.toString().contains(s.expect), () -> s.name + " through "
                    + driver.getClass().getSimpleName() + ": expected to contain <" + s.expect + ">, got " + observed);
            seen.put(s.name, observed);
        }
        return seen;
    }

    /** Each scenario's observation in process equals the one over sockets. */
    static void assertSame(List<Scenario> scenarios, Map<String, Object> inProcess, Map<String, Object> overSockets) {
        for (Scenario s : scenarios) {
            assertEquals(inProcess.get(s.name), overSockets.get(s.name), s.name + ": test client vs real server");
        }
    }
}
