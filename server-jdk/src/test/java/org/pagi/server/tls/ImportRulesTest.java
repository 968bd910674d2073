package org.pagi.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The TLS import rules, read from the sources: {@code org.pagi.server.tls} is the only package of the server that
 * imports {@code javax.net.ssl}, and it stays a layer from bytes to bytes: no channels, no sockets, no transport,
 * no HTTP.
 */
class ImportRulesTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path TLS = MAIN.resolve("org/pagi/server/tls");

    private static List<String> imports(Path root) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                for (String line : Files.readAllLines(source)) {
                    String l = line.trim();
                    if (l.startsWith("import ")) {
                        out.add(MAIN.relativize(source) + ": " + l);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void onlyTheTlsPackageImportsJavaxNetSsl() {
        List<String> offenders = imports(MAIN).stream()
                .filter(l -> l.contains("javax.net.ssl") && !l.startsWith("org/pagi/server/tls/")).toList();
        assertEquals(List.of(), offenders);
    }

    @Test
    void theTlsPackageKnowsNoChannelsSocketsTransportOrHttp() {
        List<String> forbidden = List.of("java.nio.channels.", "java.net.", "org.pagi.server.transport",
                "org.pagi.protocol.", "org.pagi.server.run", "java.lang.Thread");
        List<String> offenders = imports(TLS).stream().filter(l -> forbidden.stream().anyMatch(l::contains)).toList();
        assertEquals(List.of(), offenders);
    }

    @Test
    void hasAPackageInfo() {
        assertTrue(Files.exists(TLS.resolve("package-info.java")));
    }
}
