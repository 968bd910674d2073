package org.pagi.wrappers.apps;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.wrappers.routing.HeadSend;

/**
 * An app that answers every request scope the same way without reading the request: the lifespan is declined,
 * HEAD drops the body, and a failure while answering becomes the returned stage's failure.
 */
interface RequestAnswer extends Application {

    /** Sends the answer for {@code scope}; may throw, the caller turns that into a failed stage. */
    CompletionStage<Void> answer(RequestScope scope, Send send);

    @Override
    default CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof RequestScope request)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        try {
            return answer(request, request instanceof HttpScope http && http.method().equals("HEAD")
                    ? new HeadSend(send) : send);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
