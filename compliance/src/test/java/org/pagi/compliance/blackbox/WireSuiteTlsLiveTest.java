package org.pagi.compliance.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * The whole wire suite over TLS: {@code server-jdk} serving a keytool-made certificate, in both modes, every
 * category (http, websocket and sse over TLS, tls, robust over TLS): all pass.
 */
class WireSuiteTlsLiveTest {
    static PagiServer start(ExecutionMode mode) throws IOException {
        return PagiServer.start(new ConformanceApp(), ServerConfig.builder().host("127.0.0.1").port(0)
                .executionMode(mode).loops(2).accessLog(false).shutdownGrace(Duration.ofSeconds(1))
                .tls(TestKeystore.settings()).build());
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void serverJdkPassesEveryCaseOverTls(ExecutionMode mode) throws IOException {
        try (PagiServer server = start(mode)) {
            Target target = Target.parse("https://127.0.0.1:" + server.port(), Duration.ofSeconds(5));
            List<CaseResult> results = WireSuite.all().run(target, EnumSet.allOf(Category.class), r -> { });
            String failures = results.stream().filter(r -> !r.passed()).map(CaseResult::line)
                    .collect(Collectors.joining("\n"));
            assertTrue(failures.isEmpty(), failures);
            assertEquals(WireSuite.all().cases(EnumSet.allOf(Category.class)).size(), results.size());
            assertTrue(results.stream().filter(r -> r.wireCase().category() == Category.TLS).count() >= 14);
        }
    }
}
