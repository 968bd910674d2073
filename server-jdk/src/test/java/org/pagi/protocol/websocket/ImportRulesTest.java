package org.pagi.protocol.websocket;

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
 * The sans-IO rule, read from the sources: the websocket core imports {@code java.*} (no networking, channels,
 * threads or logging), the spec, and the HTTP/1.1 writer it shares for the handshake head; and it has a
 * package-info.
 */
class ImportRulesTest {
    private static final Path MAIN = Path.of("src/main/java/org/pagi/protocol/websocket");
    private static final List<String> FORBIDDEN = List.of("java.net.", "java.nio.channels.", "java.util.concurrent.",
            "java.lang.System.Logger", "java.util.logging.", "java.time.", "java.io.File");

    @Test
    void importsOnlyTheJdkTheSpecAndTheHttp1Writer() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.list(MAIN)) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                for (String line : Files.readAllLines(source)) {
                    String l = line.trim();
                    if (!l.startsWith("import ")) {
                        continue;
                    }
                    String name = l.substring(l.startsWith("import static ") ? 14 : 7);
                    boolean allowed = name.startsWith("java.") && FORBIDDEN.stream().noneMatch(name::startsWith)
                            || name.startsWith("org.pagi.spec.") || name.equals("org.pagi.protocol.http1.Http1Writer;")
                            || name.equals("org.pagi.protocol.bytes.ReadBuffer;");
                    if (!allowed) {
                        offenders.add(source.getFileName() + ": " + l);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void hasAPackageInfo() {
        assertTrue(Files.exists(MAIN.resolve("package-info.java")));
    }
}
