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

/**
 * The whole wire suite against {@code server-jdk} running the conformance application, in both modes, over
 * cleartext: every category but TLS (which needs an https target; see {@link WireSuiteTlsLiveTest}) passes.
 */
class WireSuiteLiveTest {
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void serverJdkPassesEveryCase(ExecutionMode mode) {
        try (PagiServer server = PagiServer.start(new ConformanceApp(), ServerConfig.builder().host("127.0.0.1")
                .port(0).executionMode(mode).loops(2).accessLog(false).shutdownGrace(Duration.ofSeconds(1)).build())) {
            Target target = new Target("127.0.0.1", server.port(), false, Duration.ofSeconds(5));
            EnumSet<Category> cleartext = EnumSet.complementOf(EnumSet.of(Category.TLS));
            List<CaseResult> results = WireSuite.all().run(target, cleartext, r -> { });
            String failures = results.stream().filter(r -> !r.passed()).map(CaseResult::line)
                    .collect(Collectors.joining("\n"));
            assertTrue(failures.isEmpty(), failures);
            assertEquals(WireSuite.all().cases(cleartext).size(), results.size());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
