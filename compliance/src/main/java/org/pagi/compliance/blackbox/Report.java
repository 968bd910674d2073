package org.pagi.compliance.blackbox;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The results of one run as a Markdown report: the target, per-category counts, then every case with its rule
 * and, for a failure, why. {@code compliance/COMPLIANCE.md} is assembled from such reports.
 */
public final class Report {
    private Report() {
    }

    /** @return the report of {@code results} for a run against {@code label} (e.g. "server-jdk direct") */
    public static String markdown(String label, Target target, List<CaseResult> results, Instant when) {
        StringBuilder out = new StringBuilder();
        out.append("# Wire suite: ").append(label).append("\n\n");
        out.append("- target: ").append(target.secure() ? "https://" : "http://").append(target.authority())
                .append("\n- run: ").append(when).append("\n- result: ").append(summary(results)).append("\n\n");
        out.append("| category | cases | passed | failed |\n|---|--:|--:|--:|\n");
        for (Map.Entry<Category, int[]> e : counts(results).entrySet()) {
            int[] c = e.getValue();
            out.append("| ").append(e.getKey().label()).append(" | ").append(c[0] + c[1]).append(" | ").append(c[0])
                    .append(" | ").append(c[1]).append(" |\n");
        }
        out.append("\n| case | rule | result |\n|---|---|---|\n");
        for (CaseResult r : results) {
            out.append("| `").append(r.wireCase().id()).append("` | ").append(cell(r.wireCase().rule())).append(" | ")
                    .append(r.passed() ? "pass" : "**fail**: " + cell(r.detail())).append(" |\n");
        }
        return out.toString();
    }

    /** @return "N passed, M failed" */
    public static String summary(List<CaseResult> results) {
        long passed = results.stream().filter(CaseResult::passed).count();
        return passed + " passed, " + (results.size() - passed) + " failed";
    }

    /** @return passed and failed counts per category that has cases, in category order */
    public static Map<Category, int[]> counts(List<CaseResult> results) {
        Map<Category, int[]> counts = new EnumMap<>(Category.class);
        for (CaseResult r : results) {
            counts.computeIfAbsent(r.wireCase().category(), k -> new int[2])[r.passed() ? 0 : 1]++;
        }
        return counts;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
