package org.pagi.examples.jobrunner;

import static org.pagi.examples.jobrunner.JobQueue.fields;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

/** The REST API of upstream's {@code HTTP.pm}: JSON in, JSON out, errors as {@code {"error":..}}. */
final class Api {
    /** A job request is a few hundred bytes; anything past this is refused with 413 before it is read. */
    static final long MAX_BODY = 16 * 1024;

    private final JobQueue queue;

    Api(JobQueue queue) {
        this.queue = queue;
    }

    CompletionStage<Void> stats(Scope scope, Receive receive, Send send) {
        return json(200, fields("queue", queue.stats(), "worker", queue.workerStats())).respond(scope, send);
    }

    CompletionStage<Void> jobTypes(Scope scope, Receive receive, Send send) {
        return json(200, JobTypes.ALL.stream().map(JobType::describe).toList()).respond(scope, send);
    }

    CompletionStage<Void> list(Scope scope, Receive receive, Send send) {
        return json(200, queue.all()).respond(scope, send);
    }

    CompletionStage<Void> create(Scope scope, Receive receive, Send send) {
        Request request = Request.of(scope, receive);
        return request.body(request.limits().withMaxBodyBytes(MAX_BODY))
                .thenApply(body -> {
                    Object data;
                    try {
                        data = Json.decode(body, Object.class);
                    } catch (RuntimeException e) {
                        data = null;
                    }
                    if (!(data instanceof Map<?, ?> fields)) {
                        return json(400, error("Invalid JSON body"));
                    }
                    try {
                        return json(201, createJob(queue, fields.get("job_type"), fields.get("params")));
                    } catch (InvalidParamsException e) {
                        return json(400, error(e.getMessage()));
                    } catch (JobQueue.QueueFullException e) {
                        return json(503, error(e.getMessage()));
                    }
                })
                .thenCompose(response -> response.respond(scope, send));
    }

    /**
     * Checks and queues a job, as both the API and the WebSocket do.
     *
     * @return what upstream answers: id, type, params, status, created_at
     * @throws InvalidParamsException with upstream's message
     */
    static Map<String, Object> createJob(JobQueue queue, Object jobType, Object params) {
        if (!(jobType instanceof String name) || name.isEmpty()) {
            throw new InvalidParamsException("Missing 'job_type' field");
        }
        JobType type = JobTypes.named(name)
                .orElseThrow(() -> new InvalidParamsException("Unknown job type: " + name));
        Map<?, ?> given = params instanceof Map<?, ?> m ? m : Map.of();
        Map<String, Object> job = queue.create(type, type.normalise(given));
        return fields("id", job.get("id"), "type", job.get("type"), "params", job.get("params"),
                "status", job.get("status"), "created_at", job.get("created_at"));
    }

    CompletionStage<Void> get(Scope scope, Receive receive, Send send) {
        String id = Router.pathParam((RequestScope) scope, "id");
        Response response = jobId(id) < 0 ? notFound(id)
                : queue.get(jobId(id)).map(job -> json(200, job)).orElseGet(() -> notFound(id));
        return response.respond(scope, send);
    }

    CompletionStage<Void> cancel(Scope scope, Receive receive, Send send) {
        String id = Router.pathParam((RequestScope) scope, "id");
        long n = jobId(id);
        Response response = switch (n < 0 ? JobQueue.CancelOutcome.NOT_FOUND : queue.cancel(n)) {
            case CANCELLED -> json(200, fields("success", true, "job_id", n));
            case NOT_FOUND -> notFound(id);
            case ALREADY_FINISHED -> json(400, fields("error", "Cannot cancel job in status: " + queue.status(n),
                    "job_id", n));
        };
        return response.respond(scope, send);
    }

    CompletionStage<Void> clearCompleted(Scope scope, Receive receive, Send send) {
        return json(200, fields("cleared", queue.clearFinished())).respond(scope, send);
    }

    /** Any other path: 404 with upstream's message, for the API and the static files alike. */
    static CompletionStage<Void> notFoundPath(Scope scope, Receive receive, Send send) {
        return json(404, error("Not found: " + ((RequestScope) scope).path())).respond(scope, send);
    }

    /** @return the id, or -1 when it is not a job id (digits only) */
    static long jobId(String text) {
        return text.matches("\\d{1,18}") ? Long.parseLong(text) : -1;
    }

    private static Response notFound(String id) {
        return json(404, error("Job not found: " + id));
    }

    static Response json(int status, Object value) {
        return Response.json(value).withStatus(status);
    }

    private static Map<String, Object> error(String message) {
        return fields("error", message);
    }
}
