package org.pagi.compliance.blackbox;

import java.time.Duration;

/**
 * How one case went.
 *
 * @param wireCase the case
 * @param passed   whether its check held
 * @param detail   why it failed (empty when it passed)
 * @param took     how long it ran
 */
public record CaseResult(WireCase wireCase, boolean passed, String detail, Duration took) {
    /** @return the line the suite prints for it */
    public String line() {
        return (passed ? "PASS " : "FAIL ") + wireCase.id() + "  [" + wireCase.rule() + "]  " + took.toMillis() + " ms"
                + (passed ? "" : "\n     " + detail);
    }
}
