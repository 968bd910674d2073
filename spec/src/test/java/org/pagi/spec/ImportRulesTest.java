package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module rules of {@code spec}, read from the sources: the main code imports the JDK's {@code java.*} and
 * the spec's own packages only (no {@code javax}, no sockets, no third-party code), and every package has a
 * {@code package-info.java}.
 */
class ImportRulesTest {
    private static final Path MAIN = Path.of("src/main/java/org/pagi/spec");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void mainCodeImportsOnlyJavaAndTheSpecItself() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path source : sources()) {
            for (String line : Files.readAllLines(source)) {
                String l = line.trim();
                if (l.startsWith("import ")) {
                    String name = l.substring(l.startsWith("import static ") ? 14 : 7);
                    if (!name.startsWith("java.") || name.startsWith("java.net.") || name.startsWith("java.nio.channels.Socket")
                            || name.startsWith("java.nio.channels.Server")) {
                        if (!name.startsWith("org.pagi.spec.")) {
                            offenders.add(source + ": " + l);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "spec imports only java.* (no networking) and org.pagi.spec.*");
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<Path> packages;
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            packages = dirs.filter(Files::isDirectory).filter(d -> {
                try (Stream<Path> f = Files.list(d)) {
                    return f.anyMatch(p -> p.toString().endsWith(".java"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertTrue(packages.size() >= 4, "found packages: " + packages);
        for (Path p : packages) {
            assertTrue(Files.exists(p.resolve("package-info.java")), p + " has no package-info.java");
        }
    }
}
