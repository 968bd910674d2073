package org.pagi.examples.jobrunner;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.pagi.examples.jobrunner.Job.Status;

/**
 * Every job and who watches it (upstream's {@code Queue.pm}), and the worker that runs them (its {@code Worker.pm}):
 * at most {@code capacity} jobs at once, each on a virtual thread of its own, the next pending one started as soon
 * as a slot frees (upstream polls every 100 ms; here a job's end starts the next). One lock guards it all, and
 * watchers are told under it, so each sees every change once and in order. Thread-safe.
 */
final class JobQueue {
    /** Told of a job's {@code progress}, then one of {@code complete}, {@code failed} or {@code cancelled}. */
    interface JobWatcher {
        void event(String type, Map<String, Object> data);
    }

    /** Upstream keeps every job until cleared; here their number is bounded, so memory is. */
    static final class QueueFullException extends RuntimeException {
        QueueFullException(String message) {
            super(message, null, false, false);
        }
    }

    /** What {@link #cancel} did. */
    enum CancelOutcome { CANCELLED, NOT_FOUND, ALREADY_FINISHED }

    private final int capacity;
    private final int maxJobs;
    private final Duration second;
    private final Pause pause;
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private final ArrayDeque<Job> pending = new ArrayDeque<>();
    private final Map<Long, Thread> running = new HashMap<>();
    private final Map<Object, Consumer<Map<String, Object>>> queueWatchers = new LinkedHashMap<>();
    private final Map<Long, Map<Object, JobWatcher>> jobWatchers = new HashMap<>();
    private long lastId;
    private long processed;
    private boolean started;

    JobQueue(int capacity, int maxJobs, Duration second, Pause pause) {
        this.capacity = capacity;
        this.maxJobs = maxJobs;
        this.second = second;
        this.pause = pause;
    }

    // ---- the worker ----

    /** Starts running jobs (at the lifespan's startup). */
    synchronized void start() {
        started = true;
        dispatch();
    }

    /** Stops starting jobs and interrupts the running ones, which end as failed (at the lifespan's shutdown). */
    synchronized void stop() {
        started = false;
        running.values().forEach(Thread::interrupt);
    }

    synchronized Map<String, Object> workerStats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", running.size());
        out.put("capacity", capacity);
        out.put("processed", processed);
        out.put("is_running", started ? 1 : 0);
        return out;
    }

    private void dispatch() {
        while (started && running.size() < capacity && !pending.isEmpty()) {
            Job job = pending.poll();
            job.status = Status.RUNNING;
            job.startedAt = now();
            job.percent = 0;
            job.message = "Starting...";
            broadcast("job_started", fields("job_id", job.id, "started_at", job.startedAt));
            running.put(job.id, Thread.ofVirtual().name("job-" + job.id).unstarted(() -> run(job)));
            broadcast("worker_stats", workerStats());
            running.get(job.id).start();
        }
    }

    private void run(Job job) {
        Map<String, Object> result = null;
        String failure = null;
        try {
            result = job.type.body().run(job.params, new Context(job));
        } catch (JobContext.JobCancelledException cancelled) {
            // the queue marked it when it was cancelled
        } catch (InterruptedException e) {
            failure = "Stopped: the server is shutting down";
        } catch (RuntimeException e) {
            failure = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        finished(job, result, failure);
    }

    private synchronized void finished(Job job, Map<String, Object> result, String failure) {
        running.remove(job.id);
        processed++;
        if (job.status == Status.RUNNING) {
            job.completedAt = now();
            if (result != null) {
                job.status = Status.COMPLETED;
                job.result = result;
                job.percent = 100;
                job.message = "Complete";
                broadcast("job_completed", fields("job_id", job.id, "result", result, "duration", job.duration()));
                tellWatchers(job.id, "complete", fields("status", "completed", "result", result,
                        "duration", job.duration()), true);
            } else {
                job.status = Status.FAILED;
                job.error = failure;
                broadcast("job_failed", fields("job_id", job.id, "error", failure));
                tellWatchers(job.id, "failed", fields("status", "failed", "error", failure), true);
            }
        }
        broadcast("worker_stats", workerStats());
        dispatch();
    }

    /** What a running job sees of the queue. */
    private final class Context implements JobContext {
        private final Job job;

        Context(Job job) {
            this.job = job;
        }

        @Override
        public void progress(int percent, String message) {
            synchronized (JobQueue.this) {
                if (job.status != Status.RUNNING) {
                    return; // cancelled meanwhile: its watchers were told already
                }
                job.percent = percent;
                job.message = message;
                broadcast("job_progress", fields("job_id", job.id, "percent", percent, "message", message));
                tellWatchers(job.id, "progress", fields("percent", percent, "message", message), false);
            }
        }

        @Override
        public void pause(double seconds) throws InterruptedException {
            checkCancelled();
            try {
                pause.pause(Duration.ofNanos((long) (second.toNanos() * seconds)));
            } catch (InterruptedException e) {
                checkCancelled(); // a cancel interrupts the wait
                throw e;
            }
            checkCancelled();
        }

        @Override
        public void checkCancelled() {
            synchronized (JobQueue.this) {
                if (job.status == Status.CANCELLED) {
                    throw new JobCancelledException();
                }
            }
        }
    }

    // ---- jobs ----

    /**
     * Queues a job of {@code type} with checked parameters.
     *
     * @return its summary
     * @throws QueueFullException when {@code maxJobs} jobs are kept already (finished ones count until cleared)
     */
    synchronized Map<String, Object> create(JobType type, Map<String, Object> params) {
        if (jobs.size() >= maxJobs) {
            throw new QueueFullException("Queue is full (" + maxJobs + " jobs); clear finished jobs first");
        }
        Job job = new Job(++lastId, type, params, now());
        jobs.put(job.id, job);
        pending.add(job);
        Map<String, Object> created = job.summary(); // as created: pending, even when it starts at once
        broadcast("job_created", created);
        dispatch();
        return created;
    }

    synchronized Optional<Map<String, Object>> get(long id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::summary);
    }

    synchronized List<Map<String, Object>> all() {
        return jobs.values().stream().map(Job::summary).toList();
    }

    /** Cancels a pending or running job; a running one is interrupted and stops at its next step. */
    synchronized CancelOutcome cancel(long id) {
        Job job = jobs.get(id);
        if (job == null) {
            return CancelOutcome.NOT_FOUND;
        }
        if (job.status.finished()) {
            return CancelOutcome.ALREADY_FINISHED;
        }
        pending.remove(job);
        job.status = Status.CANCELLED;
        job.completedAt = now();
        Optional.ofNullable(running.get(id)).ifPresent(Thread::interrupt);
        broadcast("job_cancelled", fields("job_id", id));
        tellWatchers(id, "cancelled", fields("job_id", id), true);
        return CancelOutcome.CANCELLED;
    }

    /** @return the job's status, for a refusal's message */
    synchronized String status(long id) {
        return jobs.get(id).status.json();
    }

    /** Forgets every finished job; @return how many */
    synchronized int clearFinished() {
        List<Long> gone = new ArrayList<>();
        jobs.values().stream().filter(j -> j.status.finished()).forEach(j -> gone.add(j.id));
        gone.forEach(jobs::remove);
        broadcast("jobs_cleared", fields("count", gone.size()));
        return gone.size();
    }

    synchronized Map<String, Object> stats() {
        Map<String, Long> counts = new HashMap<>();
        jobs.values().forEach(j -> counts.merge(j.status.json(), 1L, Long::sum));
        Map<String, Object> out = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            out.put(s.json(), counts.getOrDefault(s.json(), 0L));
        }
        out.put("total", jobs.size());
        return out;
    }

    // ---- watchers ----

    /**
     * Adds a watcher of the whole queue, told {@code {"type":..,"data":..}} for every change from now on.
     *
     * @param state run with the state at this very moment, before any change is told, so nothing falls between
     */
    synchronized void watchQueue(Object key, Consumer<Map<String, Object>> watcher, Runnable state) {
        state.run();
        queueWatchers.put(key, watcher);
    }

    synchronized void unwatchQueue(Object key) {
        queueWatchers.remove(key);
    }

    /**
     * Adds a watcher of one job, unless it is finished.
     *
     * @param now run with the job's summary at this very moment, before any change is told
     * @return false when there is no such job
     */
    synchronized boolean watchJob(long id, Object key, JobWatcher watcher, Consumer<Map<String, Object>> now) {
        Job job = jobs.get(id);
        if (job == null) {
            return false;
        }
        now.accept(job.summary());
        if (!job.status.finished()) {
            jobWatchers.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(key, watcher);
        }
        return true;
    }

    synchronized void unwatchJob(long id, Object key) {
        Map<Object, JobWatcher> watchers = jobWatchers.get(id);
        if (watchers != null) {
            watchers.remove(key);
            if (watchers.isEmpty()) {
                jobWatchers.remove(id);
            }
        }
    }

    private void broadcast(String type, Map<String, Object> data) {
        Map<String, Object> message = fields("type", type, "data", data);
        List.copyOf(queueWatchers.values()).forEach(w -> w.accept(message));
    }

    private void tellWatchers(long id, String type, Map<String, Object> data, boolean last) {
        Map<Object, JobWatcher> watchers = last ? jobWatchers.remove(id) : jobWatchers.get(id);
        if (watchers != null) {
            List.copyOf(watchers.values()).forEach(w -> w.event(type, data));
        }
    }

    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }

    private static BigDecimal now() {
        return BigDecimal.valueOf(System.currentTimeMillis(), 3);
    }
}
