package org.pagi.wrappers.background;

import java.util.List;

/**
 * What became of one request's background tasks, by name in the order they were added.
 *
 * @param succeeded the tasks that ran and returned normally
 * @param failed    the tasks that ran and failed (each also logged)
 * @param skipped   the tasks not run because the response was not completely sent (the request ended abnormally)
 */
public record BackgroundReport(List<String> succeeded, List<String> failed, List<String> skipped) {

    /** Freezes the lists. */
    public BackgroundReport {
        succeeded = List.copyOf(succeeded);
        failed = List.copyOf(failed);
        skipped = List.copyOf(skipped);
    }
}
