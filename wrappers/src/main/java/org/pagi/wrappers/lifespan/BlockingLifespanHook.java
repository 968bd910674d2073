package org.pagi.wrappers.lifespan;

import org.pagi.spec.LifespanScope;

/**
 * A blocking startup or shutdown hook of a {@link Lifespan}: it returns when its work is done and throws when
 * it failed. Each run gets its own virtual thread, so it may block (open a JDBC pool, join a thread); it is
 * interrupted when it overruns the hook timeout.
 */
@FunctionalInterface
public interface BlockingLifespanHook {

    /**
     * Runs the hook.
     *
     * @param scope the lifespan scope; {@code scope.state()} is the namespace every later scope gets a copy of
     * @throws Exception the failure, reported in the lifespan answer with the hook's name
     */
    void run(LifespanScope scope) throws Exception;
}
