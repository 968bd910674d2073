package org.pagi.compliance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reasons for known deviations, kept by hand in {@code compliance/peers/deviations.tsv}: one line per
 * deviation, {@code target label<TAB>case id<TAB>reason}; {@code #} starts a comment. The report puts each reason
 * beside the failure it explains, and calls a failure without one unexplained.
 */
final class Deviations {
    private Deviations() {
    }

    /** @return reasons keyed by {@code label + "\t" + case id} */
    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> reasons = new LinkedHashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 3);
            if (parts.length != 3 || parts[2].isBlank()) {
                throw new IllegalArgumentException(file + " line " + n + ": want LABEL<TAB>CASE<TAB>REASON");
            }
            reasons.put(parts[0] + "\t" + parts[1], parts[2].strip());
        }
        return reasons;
    }
}
