package org.pagi.compliance.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.compliance.ConformanceApp;
import org.pagi.server.ExecutionMode;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;

/** The whole wire suite against {@code server-jdk} running the conformance application, in both modes: all pass. */
class WireSuiteLiveTest {
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void serverJdkPassesEveryCase(ExecutionMode mode) {
        try (PagiServer server = PagiServer.start(new ConformanceApp(), ServerConfig.builder().host("127.0.0.1")
                .port(0).executionMode(mode).loops(2).accessLog(false).shutdownGrace(Duration.ofSeconds(1)).build())) {
            Target target = new Target("127.0.0.1", server.port(), false, Duration.ofSeconds(5));
            List<CaseResult> results = WireSuite.all().run(target, EnumSet.allOf(Category.class), r -> { });
            String failures = results.stream().filter(r -> !r.passed()).map(CaseResult::line)
                    .collect(Collectors.joining("\n"));
            assertTrue(failures.isEmpty(), failures);
            assertEquals(WireSuite.all().cases(EnumSet.allOf(Category.class)).size(), results.size());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
