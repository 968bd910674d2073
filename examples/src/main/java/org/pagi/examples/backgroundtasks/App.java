package org.pagi.examples.backgroundtasks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.pagi.examples.Resources;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.background.BackgroundTasks;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.json.JsonDecodingException;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.request.RequestException;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.response.FileSource;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * Upstream's {@code examples/background-tasks}: work run after the response, with the wrappers'
 * {@link BackgroundTasks}. {@code GET /async} answers at once and then sends a welcome e-mail and logs to analytics
 * (async tasks: pauses holding no thread) and a quick synchronous note; {@code GET /blocking} answers and then runs
 * two CPU tasks, each blocking a virtual thread of its own (upstream forks a subprocess); {@code POST /signup} reads
 * {@code {"email": ...}} (JSON whatever the content type, as upstream's curl line sends it as a form) and answers
 * 201 before the e-mail goes; {@code /ws} answers each text with {@code Got: } at once and logs it to analytics
 * after. Tasks start once the response has been completely sent, and are skipped if the client went away; a failed
 * task is logged and harms nothing else. {@code /} is a page with the links and a signup form.
 *
 * <p>Async throughout, so it runs in either execution mode. Thread-safe.
 */
public final class App implements Application {
    static final Duration HEAVY_COMPUTATION = Duration.ofSeconds(3);
    static final Duration IMAGE_PROCESSING = Duration.ofSeconds(2);
    static final String DEFAULT_EMAIL = "unknown@example.com";

    private static final System.Logger LOG = System.getLogger(App.class.getName());

    private final Work work;
    private final Application router;

    /** The example as {@code bin/pagi-server --app} creates it: real pauses, the log to the JDK's logging. */
    public App() {
        this(message -> LOG.log(System.Logger.Level.INFO, message), Pause.TIMER);
    }

    /**
     * @param log   where the tasks write what they do (upstream {@code warn}s it to the console)
     * @param pause how the simulated work waits
     */
    App(Consumer<String> log, Pause pause) {
        this.work = new Work(log, pause);
        FileSource page = Resources.beside(App.class, "index.html");
        this.router = Router.builder()
                .get("/", (scope, receive, send) -> FileResponse.of(page).respond(scope, send))
                .get("/async", this::async)
                .get("/blocking", this::blocking)
                .post("/signup", this::signup)
                .websocket("/ws", this::websocket)
                .build();
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return router.call(scope, receive, send);
    }

    private CompletionStage<Void> async(Scope scope, Receive receive, Send send) {
        BackgroundTasks.of(scope)
                .addAsync("welcome-email", () -> work.sendWelcomeEmail("user@example.com"))
                .addAsync("analytics", () -> work.logToAnalytics("page_view"))
                .add("quick-sync", () -> work.quickSync("Logging request"));
        return Response.json(ok("Response sent! Async tasks running in background.")).respond(scope, send);
    }

    private CompletionStage<Void> blocking(Scope scope, Receive receive, Send send) {
        BackgroundTasks.of(scope)
                .add("heavy_computation", () -> work.cpuTask("heavy_computation", HEAVY_COMPUTATION))
                .add("image_processing", () -> work.cpuTask("image_processing", IMAGE_PROCESSING));
        return Response.json(ok("Response sent! Heavy computation running on virtual threads.")).respond(scope, send);
    }

    private CompletionStage<Void> signup(Scope scope, Receive receive, Send send) {
        return Request.of(scope, receive).body().thenCompose(body -> {
            String email = email(body);
            BackgroundTasks.of(scope)
                    .addAsync("welcome-email", () -> work.sendWelcomeEmail(email))
                    .addAsync("analytics", () -> work.logToAnalytics("signup"))
                    .add("quick-sync", () -> work.quickSync("New signup: " + email));
            return Response.json(answer("created", "Account created! Check " + email + " for welcome email."))
                    .withStatus(201).respond(scope, send);
        }).exceptionallyCompose(failure -> refuse(scope, send, failure));
    }

    /** @return the body's {@code email} string, else {@link #DEFAULT_EMAIL} as upstream */
    static String email(Bytes body) {
        Object json;
        try {
            json = Json.decode(body, Object.class);
        } catch (JsonDecodingException e) {
            throw new BadJson(e.getMessage());
        }
        return json instanceof Map<?, ?> map && map.get("email") instanceof String email ? email : DEFAULT_EMAIL;
    }

    private static CompletionStage<Void> refuse(Scope scope, Send send, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return switch (cause) {
            case BadJson bad -> Response.json(Map.of("error", "body is not JSON: " + bad.getMessage()))
                    .withStatus(400).respond(scope, send);
            case RequestException refused -> refused.toResponse().respond(scope, send);
            default -> CompletableFuture.failedFuture(cause);
        };
    }

    private CompletionStage<Void> websocket(Scope scope, Receive receive, Send send) {
        WebSocket ws = WebSocket.of(scope, receive, send);
        return ws.accept()
                .thenCompose(accepted -> ws.sendText("Connected! Send a message."))
                .thenCompose(connected -> ws.forEach(message -> {
                    if (message instanceof Message.Text(String text)) {
                        // the answer first; the analytics call runs on without holding the next message back
                        CompletionStage<Boolean> answered = ws.trySendText("Got: " + text);
                        work.logToAnalytics("ws_message").exceptionally(error -> {
                            work.failed("analytics", error);
                            return null;
                        });
                        return answered;
                    }
                    return CompletableFuture.completedFuture(null);
                }));
    }

    private static Map<String, String> ok(String message) {
        return answer("ok", message);
    }

    private static Map<String, String> answer(String status, String message) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("message", message);
        return json;
    }

    /** A signup body that is not JSON: 400 naming the parser's complaint. */
    private static final class BadJson extends RuntimeException {
        BadJson(String message) {
            super(message, null, false, false);
        }
    }
}
