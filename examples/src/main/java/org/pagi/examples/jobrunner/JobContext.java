package org.pagi.examples.jobrunner;

/** What a running job may do: report progress, wait, and find out it was cancelled. */
interface JobContext {
    /** Sets the job's progress and tells every watcher. */
    void progress(int percent, String message);

    /**
     * Waits {@code seconds} of job time (see {@link Pause}).
     *
     * @throws JobCancelledException when the job was cancelled, before or during the wait
     */
    void pause(double seconds) throws InterruptedException;

    /** @throws JobCancelledException when the job was cancelled */
    void checkCancelled();

    /** Ends a job that was cancelled: the queue already marked it, so nothing more is reported. */
    final class JobCancelledException extends RuntimeException {
        JobCancelledException() {
            super("Job cancelled", null, false, false);
        }
    }
}
