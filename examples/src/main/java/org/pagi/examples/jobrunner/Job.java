package org.pagi.examples.jobrunner;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One job's state; changed only by {@link JobQueue}, under its lock. Times are seconds since the epoch with
 * milliseconds, as upstream's {@code Time::HiRes::time}, kept decimal so JSON shows {@code 1795569731.512}.
 */
final class Job {
    final long id;
    final JobType type;
    final Map<String, Object> params;
    final BigDecimal createdAt;
    Status status = Status.PENDING;
    int percent;
    String message = "Queued";
    Map<String, Object> result;
    String error;
    BigDecimal startedAt;
    BigDecimal completedAt;

    /** As upstream spells them in JSON. */
    enum Status {
        PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

        String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean finished() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }
    }

    Job(long id, JobType type, Map<String, Object> params, BigDecimal createdAt) {
        this.id = id;
        this.type = type;
        this.params = params;
        this.createdAt = createdAt;
    }

    Map<String, Object> progress() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("percent", percent);
        out.put("message", message);
        return out;
    }

    BigDecimal duration() {
        return completedAt.subtract(startedAt != null ? startedAt : createdAt);
    }

    /** @return the job as the API and the queue's messages show it */
    Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("type", type.name());
        out.put("params", params);
        out.put("status", status.json());
        out.put("progress", progress());
        out.put("result", result);
        out.put("error", error);
        out.put("created_at", createdAt);
        out.put("started_at", startedAt);
        out.put("completed_at", completedAt);
        return out;
    }
}
