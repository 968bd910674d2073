package org.pagi.compliance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.compliance.blackbox.CaseResult;
import org.pagi.compliance.blackbox.Category;
import org.pagi.compliance.blackbox.WireCase;

/** The report's tables, deviations with their reasons, and the reasons file. */
class ReportWriterTest {
    private static final WireCase A = WireCase.of(Category.HTTP, "a", "RFC 1 section 1", t -> { });
    private static final WireCase B = WireCase.of(Category.HTTP, "b", "RFC 2 section 2", t -> { })
            .originOnly("a proxy answers this itself");
    private static final WireCase C = WireCase.of(Category.SSE, "c", "spec rule", t -> { });

    private static CaseResult pass(WireCase c) {
        return new CaseResult(c, true, "", Duration.ofMillis(1));
    }

    private static CaseResult fail(WireCase c, String why) {
        return new CaseResult(c, false, why, Duration.ofMillis(1));
    }

    @Test
    void countsEachRunPerCategoryAndExplainsEachDeviation() {
        var direct = new ComplianceReport.Run("server-jdk", EnumSet.allOf(Category.class),
                List.of(pass(A), pass(B), pass(C)));
        var proxied = new ComplianceReport.Run("server-jdk behind nginx", EnumSet.of(Category.HTTP, Category.SSE),
                List.of(pass(A), pass(C)));
        var peer = new ComplianceReport.Run("peer 1.0", EnumSet.allOf(Category.class),
                List.of(fail(A, "status: expected '400', got '200'"), pass(B), fail(C, "no event")));
        String md = ReportWriter.write(List.of(direct, proxied, peer),
                Map.of("peer 1.0\thttp.a", "the peer's parser is lenient"), List.of("nginx: 1.22.1"), Instant.EPOCH);
        assertTrue(md.contains("| http | 2 / 2 | 1 / 1 | 1 / 2 |"), md);
        assertTrue(md.contains("| sse | 1 / 1 | 1 / 1 | 0 / 1 |"), md);
        assertTrue(md.contains("| websocket | no cases | not run | no cases |"), md);
        assertTrue(md.contains("| **all** | **3 / 3** | **2 / 2** | **1 / 3** |"), md);
        assertTrue(md.contains("| `http.a` | RFC 1 section 1 | status: expected '400', got '200' | the peer's parser is lenient |"),
                md);
        assertTrue(md.contains("| `sse.c` | spec rule | no event | unexplained |"), md);
        assertTrue(md.contains("| `http.b` | RFC 2 section 2 | pass | origin only | pass |"), md);
        assertTrue(md.contains("- nginx: 1.22.1"), md);
    }

    @Test
    void readsReasonsAndRefusesAMalformedLine(@TempDir Path dir) throws Exception {
        Path ok = Files.writeString(dir.resolve("ok.tsv"), "# comment\n\npeer\thttp.a\tbecause\n");
        assertEquals(Map.of("peer\thttp.a", "because"), Deviations.read(ok));
        Path bad = Files.writeString(dir.resolve("bad.tsv"), "peer http.a because\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Deviations.read(bad));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }
}
