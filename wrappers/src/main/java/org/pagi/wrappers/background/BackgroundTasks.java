package org.pagi.wrappers.background;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.ConnectionState;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Scope;

/**
 * The background tasks of one HTTP request: work that runs after the response has been completely sent.
 *
 * <pre>{@code
 * BackgroundTasks.after(scope, "welcome-mail", () -> mailer.sendWelcome(user));   // blocking task
 * return Response.text("created").respond(scope, send);                            // not delayed by the task
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>When.</b> Tasks start when the request's {@code pagi.connection} reports the response complete
 *       ({@code onComplete}); a task added after that starts at once. Each runs on its own virtual thread, so
 *       tasks run concurrently with each other, in no guaranteed order.</li>
 *   <li><b>Never holding the response.</b> Adding a task returns at once; the handler's stage completes without
 *       waiting for it, and the server may read the next request on the connection meanwhile.</li>
 *   <li><b>Disconnect.</b> If the request ends abnormally (the client went away, the response was aborted), the
 *       tasks are skipped, not run: they belong to a response the client did not get. The skip is logged at
 *       INFO with the names and the reason. Work that must happen regardless belongs in the handler.</li>
 *   <li><b>Failures</b> (a throw, a failed stage) are logged via {@link System.Logger} at WARNING with the
 *       task's name, and affect neither the response nor the other tasks.</li>
 *   <li><b>Bound.</b> At most {@link #DEFAULT_MAX_TASKS} tasks per request unless {@link #of(Scope, int)} set
 *       another bound when the request's tasks were first asked for; one more throws
 *       {@link TooManyBackgroundTasksException}.</li>
 * </ul>
 * One instance per request, found again by {@link #of(Scope)} from any copy of the scope (middleware and handler
 * share it). The two task forms are first-class: {@link BackgroundTask} (blocking) and
 * {@link AsyncBackgroundTask} (returns a stage). Thread-safe.
 */
public final class BackgroundTasks {
    /** The default bound on tasks per request. */
    public static final int DEFAULT_MAX_TASKS = 16;

    private static final System.Logger LOG = System.getLogger(BackgroundTasks.class.getName());
    // Keyed by the request's pagi.connection, which every copy of the scope shares (one object per request, with
    // identity equality, as ConnectionTracker has); weak, so an entry goes with its request. A BackgroundTasks
    // never refers to its key, which keeps the entry collectable.
    private static final Map<ConnectionState, BackgroundTasks> BY_REQUEST =
            Collections.synchronizedMap(new WeakHashMap<>());

    private enum Phase { WAITING, LAUNCHED, SKIPPED }

    private record Task(String name, AsyncBackgroundTask async, BackgroundTask blocking) {
    }

    private final int maxTasks;
    private final List<Task> waiting = new ArrayList<>();
    private final List<String> succeeded = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<CompletableFuture<BackgroundReport>> waiters = new ArrayList<>();
    private Phase phase = Phase.WAITING;
    private int added;
    private int running;

    private BackgroundTasks(int maxTasks) {
        this.maxTasks = maxTasks;
    }

    /**
     * @return the background tasks of the request {@code scope} belongs to, created with the default bound on
     *         first use
     * @throws IllegalArgumentException when {@code scope} is not an {@code http} scope
     */
    public static BackgroundTasks of(Scope scope) {
        return of(scope, DEFAULT_MAX_TASKS);
    }

    /**
     * @param maxTasks the bound on tasks for this request, used only if this call creates the request's tasks
     * @return the background tasks of the request {@code scope} belongs to
     * @throws IllegalArgumentException when {@code scope} is not an {@code http} scope, or {@code maxTasks < 1}
     */
    public static BackgroundTasks of(Scope scope, int maxTasks) {
        Objects.requireNonNull(scope, "scope");
        if (!(scope instanceof HttpScope http)) {
            throw new IllegalArgumentException("background tasks run after an http response is sent; got a "
                    + scope.type() + " scope");
        }
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be at least 1, got " + maxTasks);
        }
        ConnectionState connection = http.connection();
        BackgroundTasks tasks;
        boolean created = false;
        synchronized (BY_REQUEST) {
            tasks = BY_REQUEST.get(connection);
            if (tasks == null) {
                tasks = new BackgroundTasks(maxTasks);
                BY_REQUEST.put(connection, tasks);
                created = true;
            }
        }
        if (created) {
            // Exactly one of the two fires; either runs at once if the request already ended.
            connection.onComplete(tasks::launch);
            connection.onDisconnect(tasks::skip);
        }
        return tasks;
    }

    /** Adds a blocking task to the request of {@code scope}: shorthand for {@code of(scope).add(name, task)}. */
    public static BackgroundTasks after(Scope scope, String name, BackgroundTask task) {
        return of(scope).add(name, task);
    }

    /** Adds an async task to the request of {@code scope}: shorthand for {@code of(scope).addAsync(name, task)}. */
    public static BackgroundTasks afterAsync(Scope scope, String name, AsyncBackgroundTask task) {
        return of(scope).addAsync(name, task);
    }

    /**
     * Schedules a blocking task to run on its own virtual thread once the response has been sent.
     *
     * @param name names the task in logs and in {@link #settled()}
     * @throws TooManyBackgroundTasksException when the request already has {@link #maxTasks()} tasks
     */
    public BackgroundTasks add(String name, BackgroundTask task) {
        return schedule(new Task(checkName(name), null, Objects.requireNonNull(task, "task")));
    }

    /**
     * Schedules an async task, started on its own virtual thread once the response has been sent.
     *
     * @param name names the task in logs and in {@link #settled()}
     * @throws TooManyBackgroundTasksException when the request already has {@link #maxTasks()} tasks
     */
    public BackgroundTasks addAsync(String name, AsyncBackgroundTask task) {
        return schedule(new Task(checkName(name), Objects.requireNonNull(task, "task"), null));
    }

    /** @return how many tasks this request has had added */
    public synchronized int size() {
        return added;
    }

    /** @return the bound on tasks for this request */
    public int maxTasks() {
        return maxTasks;
    }

    /**
     * @return a stage that completes once the request has ended and no task is running, with the report of every
     *         task added so far (at once if that is already the case); for tests, metrics and graceful waits
     */
    public CompletionStage<BackgroundReport> settled() {
        CompletableFuture<BackgroundReport> waiter = new CompletableFuture<>();
        synchronized (this) {
            waiters.add(waiter);
        }
        settleIfIdle();
        return waiter.minimalCompletionStage();
    }

    private BackgroundTasks schedule(Task task) {
        Phase now;
        synchronized (this) {
            if (added == maxTasks) {
                throw new TooManyBackgroundTasksException(maxTasks, task.name());
            }
            added++;
            now = phase;
            switch (now) {
                case WAITING -> waiting.add(task);
                case LAUNCHED -> running++;
                case SKIPPED -> skipped.add(task.name());
            }
        }
        if (now == Phase.LAUNCHED) {
            start(task);
        } else if (now == Phase.SKIPPED) {
            LOG.log(System.Logger.Level.INFO, "background task '" + task.name() + "' skipped: the request"
                    + " already ended without a complete response");
        }
        return this;
    }

    private void launch() {
        List<Task> toStart;
        synchronized (this) {
            phase = Phase.LAUNCHED;
            toStart = List.copyOf(waiting);
            waiting.clear();
            running += toStart.size();
        }
        toStart.forEach(this::start);
        settleIfIdle();
    }

    private void skip(DisconnectReason reason) {
        List<String> names;
        synchronized (this) {
            phase = Phase.SKIPPED;
            names = waiting.stream().map(Task::name).toList();
            skipped.addAll(names);
            waiting.clear();
        }
        if (!names.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "background tasks " + names + " skipped: the request ended ("
                    + reason.token() + ") before its response was completely sent");
        }
        settleIfIdle();
    }

    private void start(Task task) {
        Thread.ofVirtual().name("pagi-background-" + task.name()).start(() -> {
            if (task.blocking() != null) {
                try {
                    task.blocking().run();
                    finished(task.name(), null);
                } catch (Throwable t) {
                    finished(task.name(), t);
                }
                return;
            }
            try {
                CompletionStage<?> stage = task.async().run();
                if (stage == null) {
                    throw new NullPointerException("the task returned null instead of a CompletionStage");
                }
                stage.whenComplete((v, e) -> finished(task.name(), e));
            } catch (Throwable t) {
                finished(task.name(), t);
            }
        });
    }

    private void finished(String name, Throwable failure) {
        if (failure != null) {
            LOG.log(System.Logger.Level.WARNING, "background task '" + name + "' failed", failure);
        }
        synchronized (this) {
            (failure == null ? succeeded : failed).add(name);
            running--;
        }
        settleIfIdle();
    }

    private void settleIfIdle() {
        BackgroundReport report;
        List<CompletableFuture<BackgroundReport>> ready;
        synchronized (this) {
            if (phase == Phase.WAITING || running > 0 || waiters.isEmpty()) {
                return;
            }
            report = new BackgroundReport(succeeded, failed, skipped);
            ready = List.copyOf(waiters);
            waiters.clear();
        }
        ready.forEach(w -> w.complete(report));
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "task name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a background task name must not be blank: it names the task in logs");
        }
        return name;
    }
}
