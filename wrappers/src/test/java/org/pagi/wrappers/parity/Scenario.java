package org.pagi.wrappers.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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

    /** @return the scenarios {@code perMode} gives for "async", then for "blocking" (the two handler modes) */
    static List<Scenario> forBothModes(java.util.function.Function<String, List<Scenario>> perMode) {
        List<Scenario> all = new java.util.ArrayList<>(perMode.apply("async"));
        all.addAll(perMode.apply("blocking"));
        return all;
    }

    /** Runs every scenario in order through {@code driver}; @return name to observation */
    private static Map<String, Object> runAll(Driver driver, List<Scenario> scenarios) throws Exception {
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

    /**
     * Runs {@code scenarios} through a fresh {@link ParityApp} under the test client, then under the real server,
     * and asserts each scenario's observations equal.
     *
     * @return what the lifespan hooks reported under each: the test client's, then the server's
     */
    static List<List<String>> compareUnderBoth(Path uploads, Path files, List<Scenario> scenarios) throws Exception {
        List<String> inProcessLife = new CopyOnWriteArrayList<>();
        Map<String, Object> inProcess;
        try (Driver d = new TestClientDriver(ParityApp.create(uploads, files, inProcessLife))) {
            inProcess = runAll(d, scenarios);
        }
        List<String> socketLife = new CopyOnWriteArrayList<>();
        Map<String, Object> overSockets;
        try (Driver d = new ServerDriver(ParityApp.create(uploads, files, socketLife))) {
            overSockets = runAll(d, scenarios);
        }
        for (Scenario s : scenarios) {
            assertEquals(inProcess.get(s.name), overSockets.get(s.name), s.name + ": test client vs real server");
        }
        return List.of(inProcessLife, socketLife);
    }

    /** @return what {@code dir} holds */
    static List<Path> left(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.toList();
        }
    }
}
