package org.pagi.wrappers.background;

import java.util.concurrent.CompletionStage;

/**
 * An async background task: started on its own virtual thread after the response was sent, done when its stage
 * completes; a failed stage (or a throw) is logged.
 */
@FunctionalInterface
public interface AsyncBackgroundTask {

    /**
     * Starts the work.
     *
     * @return a stage completing when the work is done
     * @throws Exception a failure; logged with the task's name, it affects nothing else
     */
    CompletionStage<?> run() throws Exception;
}
