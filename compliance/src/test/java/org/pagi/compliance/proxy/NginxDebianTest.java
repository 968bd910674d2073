package org.pagi.compliance.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pagi.compliance.ConformanceApp;
import org.pagi.compliance.blackbox.CaseResult;
import org.pagi.compliance.blackbox.Category;
import org.pagi.compliance.blackbox.Target;
import org.pagi.compliance.blackbox.WireSuite;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;

/**
 * The production shape: Debian's nginx on 127.0.0.1 as a reverse proxy in front of {@code server-jdk}, with the
 * configuration the docs recommend, and the wire suite's HTTP, WebSocket and SSE cases run through it. Never
 * skipped: without nginx it fails and says how to install it ({@code .ci/run} does).
 */
class NginxDebianTest {
    @Test
    void httpWebSocketAndSsePassThroughNginx() throws Exception {
        try (PagiServer server = PagiServer.start(new ConformanceApp(), ServerConfig.builder().host("127.0.0.1")
                .port(0).loops(2).accessLog(false).proxyHeaders(true).shutdownGrace(Duration.ofSeconds(1)).build());
                NginxProcess nginx = NginxProcess.start(server.port())) {
            Target target = new Target("127.0.0.1", nginx.port(), false, Duration.ofSeconds(5));
            List<CaseResult> results = WireSuite.all().viaProxy().run(target,
                    EnumSet.of(Category.HTTP, Category.WEBSOCKET, Category.SSE), r -> { });
            String failures = results.stream().filter(r -> !r.passed()).map(CaseResult::line)
                    .collect(Collectors.joining("\n"));
            assertTrue(failures.isEmpty(), failures + "\nnginx error log:\n" + nginx.errorLog());
            assertTrue(results.size() > 0, "no case ran through nginx");
        }
    }

    @Test
    void theRecommendedConfigurationInTheDocsIsTheOneTested() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "server-jdk", "README.md"));
        String block = NginxConfig.recommended();
        assertTrue(readme.contains("```nginx\n" + block + "\n```"),
                "server-jdk/README.md must show the tested configuration, exactly:\n" + block);
    }
}
