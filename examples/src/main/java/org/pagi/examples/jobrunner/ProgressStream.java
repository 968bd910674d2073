package org.pagi.examples.jobrunner;

import static org.pagi.examples.jobrunner.JobQueue.fields;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;

/**
 * {@code /api/jobs/{id}/progress} (upstream's {@code SSE.pm}): one job's {@code status} now, then its
 * {@code progress} events and one final {@code complete}, {@code failed} or {@code cancelled}, after which the
 * server ends the stream (upstream leaves that to the page, which closes its {@code EventSource} there). A job that
 * has finished already gets its status and final event at once.
 */
final class ProgressStream {
    private final JobQueue queue;

    ProgressStream(JobQueue queue) {
        this.queue = queue;
    }

    CompletionStage<Void> handle(Scope scope, Receive receive, Send send) {
        Sse sse = Sse.of(scope, receive, send);
        long id = Api.jobId(Router.pathParam((RequestScope) scope, "id"));
        if (id < 0) {
            return sse.decline(Response.text("Invalid job ID").withStatus(400));
        }
        if (queue.get(id).isEmpty()) {
            return sse.decline(Response.text("Job not found").withStatus(404));
        }
        CompletableFuture<Void> ended = new CompletableFuture<>();
        sse.onDisconnect(reason -> ended.complete(null));
        sse.start(200, Headers.of("x-accel-buffering", "no")); // so a proxy in front passes each event on at once
        Object key = new Object();
        Outbox<ServerEvent> out = new Outbox<>(sse::trySend);
        boolean watching = queue.watchJob(id, key, (type, data) -> {
            out.post(event(type, data));
            if (!"progress".equals(type)) {
                ended.complete(null);
            }
        }, job -> {
            out.post(event("status", fields("id", job.get("id"), "type", job.get("type"),
                    "status", job.get("status"), "progress", job.get("progress"), "started_at", job.get("started_at"))));
            finalEvent(job).ifPresent(last -> {
                out.post(last);
                ended.complete(null);
            });
        });
        if (!watching) {
            ended.complete(null); // cleared between the two looks: the stream ends empty
        }
        return ended.thenCompose(done -> out.drained()).thenCompose(sent -> sse.close()).whenComplete((done, failure) -> queue.unwatchJob(id, key));
    }

    /** The final event for a job that finished before the stream opened, as upstream's {@code _send_final_event}. */
    private static Optional<ServerEvent> finalEvent(Map<String, Object> job) {
        return switch ((String) job.get("status")) {
            case "completed" -> {
                BigDecimal duration = ((BigDecimal) job.get("completed_at")).subtract((BigDecimal)
                        (job.get("started_at") != null ? job.get("started_at") : job.get("created_at")));
                yield Optional.of(event("complete", fields("status", "completed",
                        "result", job.get("result"), "duration", duration)));
            }
            case "failed" -> Optional.of(event("failed", fields("status", "failed",
                    "error", job.get("error"))));
            case "cancelled" -> Optional.of(event("cancelled", fields("status", "cancelled")));
            default -> Optional.empty();
        };
    }

    private static ServerEvent event(String name, Map<String, Object> data) {
        return ServerEvent.named(name, Json.encode(data).utf8());
    }
}
