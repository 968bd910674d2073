package org.pagi.wrappers.background;

/** A blocking background task: runs on its own virtual thread after the response was sent; throwing is logged. */
@FunctionalInterface
public interface BackgroundTask {

    /**
     * Does the work.
     *
     * @throws Exception a failure; logged with the task's name, it affects nothing else
     */
    void run() throws Exception;
}
