package org.pagi.wrappers.context;

/**
 * The blocking view of a {@link Context}: each subtype's waiting methods return plain values (failing at once on
 * an I/O event loop thread, having sent nothing; see {@link org.pagi.wrappers.Blocking}), and the dispatcher
 * takes handlers that may block and runs on the calling thread. Scope accessors, stash, state and connection
 * state stay on {@link #context()}.
 */
public sealed interface BlockingContext permits BlockingHttpContext, BlockingWebSocketContext, BlockingSseContext {

    /** @return the context this view waits on */
    Context context();

    /** Adds a handler, which may block, for events of {@code type}; see {@link Context#on}. @return this */
    default BlockingContext on(String type, BlockingEventHandler handler) {
        context().dispatcher.on(type, handler);
        return this;
    }

    /** Adds a handler, which may block, for types with no handler; see {@link Context#onDefault}. @return this */
    default BlockingContext onDefault(BlockingEventHandler handler) {
        context().dispatcher.onDefault(handler);
        return this;
    }

    /** Adds an error handler; see {@link Context#onError}. @return this */
    default BlockingContext onError(ErrorHandler handler) {
        context().dispatcher.onError(handler);
        return this;
    }

    /** Ends {@link #run()} after the current handler, or at once while it waits; see {@link Context#stop()}. */
    default BlockingContext stop() {
        context().dispatcher.stop();
        return this;
    }

    /**
     * Dispatches events on the calling thread until the disconnect, {@link #stop()} or a failed receive.
     *
     * @return why it ended; never throws for a failed receive or handler (the error handlers see those)
     * @throws IllegalStateException on an I/O event loop thread, or when a run is already under way
     */
    default RunEnd run() {
        return context().dispatcher.runBlocking();
    }
}
