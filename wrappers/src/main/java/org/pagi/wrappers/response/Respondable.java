package org.pagi.wrappers.response;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;

/** A response value that is also an {@link Application}: {@code call} is {@code respond}, failures as a stage. */
interface Respondable extends Application {

    /** Sends the response; may throw for a wrong scope or a second response. */
    CompletionStage<Void> respond(Scope scope, Send send);

    /** Answers with {@link #respond}; what it throws becomes a failed stage. */
    @Override
    default CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        try {
            return respond(scope, send);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
