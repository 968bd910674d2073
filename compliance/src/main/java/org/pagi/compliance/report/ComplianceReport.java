package org.pagi.compliance.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pagi.compliance.ConformanceApp;
import org.pagi.compliance.blackbox.CaseResult;
import org.pagi.compliance.blackbox.Category;
import org.pagi.compliance.blackbox.Target;
import org.pagi.compliance.blackbox.WireSuite;
import org.pagi.compliance.proxy.NginxProcess;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.server.tls.KeySource;
import org.pagi.server.tls.TlsSettings;

/**
 * Writes {@code compliance/COMPLIANCE.md} from a real run: the wire suite against {@code server-jdk} directly,
 * {@code server-jdk} behind Debian's nginx, and each peer given on the command line, with the environment and
 * every deviation. Run by {@code compliance/make-report.sh}, which starts the peers; the report is never edited by
 * hand.
 *
 * <pre>
 * java -cp pagi-compliance.jar org.pagi.compliance.report.ComplianceReport --out FILE
 *     [--peer LABEL=URL]... [--deviations FILE] [--environment TEXT]...
 *     [--tls-keystore FILE --tls-keystore-password PASSWORD]   (adds server-jdk over TLS, every category)
 * </pre>
 */
public final class ComplianceReport {
    private ComplianceReport() {
    }

    /** Runs everything and writes the report; exits non-zero when server-jdk failed a case or a run broke. */
    public static void main(String[] args) throws Exception {
        Path out = null;
        Path deviations = null;
        Path keystore = null;
        String keystorePassword = "";
        Map<String, String> peers = new LinkedHashMap<>();
        List<String> environment = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--out" -> out = Path.of(value);
                case "--deviations" -> deviations = Path.of(value);
                case "--environment" -> environment.add(value);
                case "--tls-keystore" -> keystore = Path.of(value);
                case "--tls-keystore-password" -> keystorePassword = value;
                case "--peer" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--peer wants LABEL=URL, got '" + value + "'");
                    }
                    peers.put(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out FILE is required");
        }
        Instant started = Instant.now();
        List<Run> runs = new ArrayList<>();
        Duration timeout = Duration.ofSeconds(5);
        Set<Category> all = EnumSet.allOf(Category.class);
        Set<Category> cleartext = EnumSet.complementOf(EnumSet.of(Category.TLS)); // TLS cases need an https target
        try (PagiServer server = PagiServer.start(new ConformanceApp(), ServerConfig.builder().host("127.0.0.1").port(0)
                .accessLog(false).proxyHeaders(true).shutdownGrace(Duration.ofSeconds(1)).build())) {
            Target direct = new Target("127.0.0.1", server.port(), false, timeout);
            runs.add(run("server-jdk", WireSuite.all(), direct, cleartext));
            try (NginxProcess nginx = NginxProcess.start(server.port())) {
                Target proxied = new Target("127.0.0.1", nginx.port(), false, timeout);
                runs.add(run("server-jdk behind nginx", WireSuite.all().viaProxy(), proxied,
                        EnumSet.of(Category.HTTP, Category.WEBSOCKET, Category.SSE)));
            }
        }
        if (keystore != null) {
            TlsSettings tls = TlsSettings.builder(new KeySource.KeyStoreFile(keystore, keystorePassword)).build();
            try (PagiServer server = PagiServer.start(new ConformanceApp(), ServerConfig.builder().host("127.0.0.1")
                    .port(0).accessLog(false).tls(tls).shutdownGrace(Duration.ofSeconds(1)).build())) {
                runs.add(run("server-jdk over TLS", WireSuite.all(), new Target("127.0.0.1", server.port(), true,
                        timeout), all));
            }
        }
        for (Map.Entry<String, String> p : peers.entrySet()) {
            Target peer = Target.parse(p.getValue(), timeout);
            runs.add(run(p.getKey(), WireSuite.all(), peer, peer.secure() ? all : cleartext));
        }
        Map<String, String> reasons = deviations == null ? Map.of() : Deviations.read(deviations);
        String markdown = ReportWriter.write(runs, reasons, environment, started);
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        long ownFailures = runs.stream().filter(r -> r.label().startsWith("server-jdk"))
                .flatMap(r -> r.results().stream()).filter(r -> !r.passed()).count();
        System.out.println("wrote " + out + "; server-jdk failures: " + ownFailures);
        System.exit(ownFailures == 0 ? 0 : 1);
    }

    private static Run run(String label, WireSuite suite, Target target, Set<Category> categories) {
        System.out.println("== " + label + " (" + target.authority() + ")");
        List<CaseResult> results = suite.run(target, categories, r -> System.out.println(r.line()));
        return new Run(label, categories, results);
    }

    /** One target's results. */
    record Run(String label, Set<Category> categories, List<CaseResult> results) {
    }
}
