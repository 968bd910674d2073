package org.pagi.wrappers.background;

/** Thrown when a request adds more background tasks than its bound allows; the task is not scheduled. */
public final class TooManyBackgroundTasksException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int maxTasks;

    /**
     * @param maxTasks the bound of the request
     * @param refused  the name of the task that did not fit
     */
    public TooManyBackgroundTasksException(int maxTasks, String refused) {
        super("background task '" + refused + "' refused: at most " + maxTasks + " background tasks per request"
                + " (BackgroundTasks.of(scope, maxTasks) sets the bound)");
        this.maxTasks = maxTasks;
    }

    /** @return the bound of the request */
    public int maxTasks() {
        return maxTasks;
    }
}
