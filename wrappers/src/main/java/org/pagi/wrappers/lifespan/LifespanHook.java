package org.pagi.wrappers.lifespan;

import java.util.concurrent.CompletionStage;
import org.pagi.spec.LifespanScope;

/**
 * An async startup or shutdown hook of a {@link Lifespan}: it starts its work and returns a stage that completes
 * when the work is done, or exceptionally when it failed. Called on whichever thread finished the step before
 * it (the server's, or the previous hook's), so it must not block: use {@link BlockingLifespanHook} for that.
 */
@FunctionalInterface
public interface LifespanHook {

    /**
     * Runs the hook.
     *
     * @param scope the lifespan scope; {@code scope.state()} is the namespace every later scope gets a copy of
     * @return a stage completing when the hook is done
     * @throws Exception a failure, treated like a failed stage
     */
    CompletionStage<?> run(LifespanScope scope) throws Exception;
}
