package org.pagi.jmh.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.pagi.jmh.routing.RouterBenchmark;
import org.pagi.jmh.wrappers.TestClientRoundTripBenchmark;
import org.pagi.jmh.wrappers.WrapperOverheadBenchmark;

/**
 * Runs every benchmark of this package, of {@code org.pagi.jmh.routing} and of {@code org.pagi.jmh.wrappers} through the real JMH harness once:
 * one single-shot invocation each, in this JVM, no warm-up. That checks what the direct tests cannot: the generated harness code, the states and
 * the params. It measures nothing; speed is measured by jmh/run-jmh.sh, never asserted in a test.
 */
class BenchmarksRunUnderJmhTest {

    @Test
    void everyBenchmarkRunsOnceUnderTheHarness() throws RunnerException {
        // Another JMH run on this machine (jmh/run-jmh.sh) holds JMH's lock file; this run does not need it.
        System.setProperty("jmh.ignoreLock", "true");
        Options options = new OptionsBuilder()
                .include("org\\.pagi\\.jmh\\.(protocol|routing|wrappers)\\.")
                .mode(Mode.SingleShotTime)
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementBatchSize(1)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        Set<String> ran = results.stream()
                .map(r -> simpleName(r.getParams().getBenchmark()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared(Http1ParserBenchmark.class, Http1WriterBenchmark.class, RouterBenchmark.class,
                WrapperOverheadBenchmark.class, TestClientRoundTripBenchmark.class), ran);
        // chunkedUpload64k and echoUpload64k run once per read size (two each), the three router benchmarks
        // once per route count (two each), the four test client benchmarks once per mode (two each).
        assertEquals(ran.size() + 2 + 3 + 4, results.size());
    }

    private static Set<String> declared(Class<?>... classes) {
        return Arrays.stream(classes)
                .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(Benchmark.class))
                .map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String simpleName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts[parts.length - 2] + "." + parts[parts.length - 1];
    }
}
