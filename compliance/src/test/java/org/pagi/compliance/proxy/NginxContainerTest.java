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
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same check as {@link NginxDebianTest} with nginx from its official image, for machines with a Docker engine;
 * skipped, with Testcontainers' reason in the report, where there is none. The Debian run never is.
 */
@Testcontainers(disabledWithoutDocker = true)
class NginxContainerTest {
    @Test
    void httpWebSocketAndSsePassThroughNginxInAContainer() throws Exception {
        try (PagiServer server = PagiServer.start(new ConformanceApp(), ServerConfig.builder().host("0.0.0.0")
                .port(0).loops(2).accessLog(false).shutdownGrace(Duration.ofSeconds(1)).build())) {
            org.testcontainers.Testcontainers.exposeHostPorts(server.port());
            String conf = NginxConfig.forRun("8080", "host.testcontainers.internal:" + server.port(), "/tmp");
            try (GenericContainer<?> nginx = new GenericContainer<>("nginx:stable")
                    .withCopyToContainer(Transferable.of(conf), "/etc/nginx/pagi.conf")
                    .withCommand("nginx", "-c", "/etc/nginx/pagi.conf")
                    .withExposedPorts(8080)) {
                nginx.start();
                Target target = new Target(nginx.getHost(), nginx.getMappedPort(8080), false, Duration.ofSeconds(5));
                List<CaseResult> results = WireSuite.all().viaProxy().run(target,
                        EnumSet.of(Category.HTTP, Category.WEBSOCKET, Category.SSE), r -> { });
                String failures = results.stream().filter(r -> !r.passed()).map(CaseResult::line)
                        .collect(Collectors.joining("\n"));
                assertTrue(failures.isEmpty(), failures);
            }
        }
    }
}
