package org.pagi.examples.jobrunner;

import static org.pagi.examples.jobrunner.JobQueue.fields;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * {@code /ws/queue} (upstream's {@code WebSocket.pm}): the whole state on connect ({@code queue_state}), then every
 * change to the queue as {@code {"type":..,"data":..}}; the client creates and cancels jobs and clears finished
 * ones with JSON messages, each answered with an {@code ..._ack} or an {@code error}.
 */
final class QueueSocket {
    /** How often the server pings an idle socket (upstream sends a JSON ping every 25 s; here a protocol ping). */
    static final Duration KEEPALIVE = Duration.ofSeconds(25);

    private final JobQueue queue;

    QueueSocket(JobQueue queue) {
        this.queue = queue;
    }

    CompletionStage<Void> handle(Scope scope, Receive receive, Send send) {
        WebSocket ws = WebSocket.of(scope, receive, send);
        Object key = new Object();
        Outbox<Object> out = new Outbox<>(ws::trySendJson);
        return ws.accept()
                .thenCompose(accepted -> {
                    ws.keepalive(KEEPALIVE);
                    queue.watchQueue(key, out::post, () -> out.post(state()));
                    return ws.forEach(message -> {
                        if (message instanceof Message.Text text) {
                            answer(text.text(), out);
                        }
                        return CompletableFuture.completedFuture(null);
                    });
                })
                .whenComplete((done, failure) -> queue.unwatchQueue(key));
    }

    private Map<String, Object> state() {
        return fields("type", "queue_state", "jobs", queue.all(), "stats", queue.stats(),
                "worker", queue.workerStats(), "job_types", jobTypes());
    }

    private static Object jobTypes() {
        return JobTypes.ALL.stream().map(JobType::describe).toList();
    }

    /** Handles one client message; anything that is not a JSON object with a known type is ignored, as upstream. */
    private void answer(String text, Outbox<Object> out) {
        Object decoded;
        try {
            decoded = Json.decode(Bytes.utf8(text), Object.class);
        } catch (RuntimeException e) {
            return;
        }
        if (!(decoded instanceof Map<?, ?> msg)) {
            return;
        }
        switch (String.valueOf(msg.get("type"))) {
            case "create_job" -> {
                try {
                    Map<String, Object> job = Api.createJob(queue, msg.get("job_type"), msg.get("params"));
                    out.post(fields("type", "job_created_ack", "job_id", job.get("id")));
                } catch (InvalidParamsException | JobQueue.QueueFullException e) {
                    out.post(error(e.getMessage()));
                }
            }
            case "cancel_job" -> cancel(msg.get("job_id"), out);
            case "clear_completed" -> out.post(fields("type", "jobs_cleared_ack", "cleared", queue.clearFinished()));
            case "get_state" -> out.post(state());
            case "get_job_types" -> out.post(fields("type", "job_types", "job_types", jobTypes()));
            case "ping" -> out.post(fields("type", "pong", "ts", msg.get("ts")));
            default -> {
                // "pong" and unknown types: nothing to answer
            }
        }
    }

    private void cancel(Object given, Outbox<Object> out) {
        if (given == null || "".equals(given)) {
            out.post(error("Missing 'job_id' field"));
            return;
        }
        long id = Api.jobId(String.valueOf(given));
        switch (id < 0 ? JobQueue.CancelOutcome.NOT_FOUND : queue.cancel(id)) {
            case CANCELLED -> out.post(fields("type", "job_cancelled_ack", "job_id", id, "success", true));
            case NOT_FOUND -> out.post(error("Job not found: " + given));
            case ALREADY_FINISHED -> out.post(error("Cannot cancel job in status: " + queue.status(id)));
        }
    }

    private static Map<String, Object> error(String message) {
        return fields("type", "error", "message", message);
    }
}
