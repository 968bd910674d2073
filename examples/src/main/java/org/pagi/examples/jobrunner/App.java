package org.pagi.examples.jobrunner;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.examples.Resources;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.lifespan.Lifespan;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.response.FileSource;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.routing.RouterBuilder;

/**
 * A job runner with a dashboard, as upstream's {@code examples/11-job-runner}: jobs (countdown, prime, fibonacci,
 * echo) queued over a REST API or a WebSocket, run at most {@link #DEFAULT_CONCURRENCY} at a time, the queue's
 * changes pushed to every page over the WebSocket {@code /ws/queue}, one job's progress streamed over SSE
 * ({@code /api/jobs/{id}/progress}); the page ({@code /}, {@code /css/style.css}, {@code /js/app.js}) is served
 * from classpath resources beside this class.
 *
 * <p>The worker runs from the lifespan's startup to its shutdown; each job runs on a virtual thread of its own and
 * everything else is async, so the application runs in either of the server's execution modes. Thread-safe.
 */
public final class App implements Application {
    /** How many jobs run at once when no number is given, as upstream. */
    public static final int DEFAULT_CONCURRENCY = 3;
    /** How many jobs are kept (pending, running and finished until cleared) when no number is given. */
    public static final int DEFAULT_MAX_JOBS = 1000;

    private final JobQueue queue;
    private final Application app;

    /** The job runner with every default, as {@code bin/pagi-server --app} creates it. */
    public App() {
        this(builder());
    }

    private App(Builder options) {
        this.queue = new JobQueue(options.concurrency, options.maxJobs, options.second, options.pause);
        Api api = new Api(queue);
        RouterBuilder routes = Router.builder()
                .get("/api/stats", api::stats)
                .get("/api/job-types", api::jobTypes)
                .get("/api/jobs", api::list)
                .post("/api/jobs", api::create)
                .post("/api/jobs/clear-completed", api::clearCompleted)
                .get("/api/jobs/{id}", api::get)
                .delete("/api/jobs/{id}", api::cancel)
                .sse("/api/jobs/{id}/progress", new ProgressStream(queue)::handle)
                .websocket("/ws/queue", new QueueSocket(queue)::handle)
                .notFound(Api::notFoundPath);
        page(routes, "/", "index.html");
        page(routes, "/index.html", "index.html");
        page(routes, "/css/style.css", "css/style.css");
        page(routes, "/js/app.js", "js/app.js");
        this.app = Lifespan.wrap(routes.build())
                .onStartup("worker", scope -> {
                    queue.start();
                    return CompletableFuture.completedFuture(null);
                })
                .onShutdown("worker", scope -> {
                    queue.stop();
                    return CompletableFuture.completedFuture(null);
                });
    }

    /** @return a builder with every default; {@link Builder#build()} makes the application */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }

    private static void page(RouterBuilder routes, String path, String resource) {
        FileSource source = Resources.beside(App.class, resource);
        routes.get(path, (scope, receive, send) -> FileResponse.of(source).respond(scope, send));
    }


    /** The job runner's options; each setter refuses a bad value with a message naming the option. */
    public static final class Builder {
        private int concurrency = DEFAULT_CONCURRENCY;
        private int maxJobs = DEFAULT_MAX_JOBS;
        private Duration second = Duration.ofSeconds(1);
        private Pause pause = Pause.SLEEP;

        private Builder() {
        }

        /** @param value how many jobs run at once; 1 to 1000 */
        public Builder concurrency(int value) {
            if (value < 1 || value > 1000) {
                throw new IllegalArgumentException("concurrency must be 1 to 1000 jobs, got " + value);
            }
            concurrency = value;
            return this;
        }

        /** @param value how many jobs are kept before new ones are refused (503); 1 or more */
        public Builder maxJobs(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxJobs must be 1 or more, got " + value);
            }
            maxJobs = value;
            return this;
        }

        /**
         * @param value how long one second of a job lasts (a countdown of 5 waits 5 of these): a demonstration
         *              can run faster or slower; zero or more
         */
        public Builder second(Duration value) {
            if (Objects.requireNonNull(value, "second").isNegative()) {
                throw new IllegalArgumentException("second must not be negative, got " + value);
            }
            second = value;
            return this;
        }

        /** @param value how a job waits (default: it sleeps); tests give one that waits for them */
        public Builder pause(Pause value) {
            pause = Objects.requireNonNull(value, "pause");
            return this;
        }

        /** @return the application */
        public App build() {
            return new App(this);
        }
    }
}
