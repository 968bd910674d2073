package org.pagi.wrappers.routing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Send;
import org.pagi.wrappers.http.ClientError;

/**
 * Turns a route handler's {@link ClientError} (a body over its limit, bad JSON, a wrong content type, too many
 * query parameters, ...) into its status with the message as plain text, so a handler that does not catch one
 * answers 413 or 400 rather than the server's 500. Only before the response started; after that the failure goes
 * on to the server, which ends the response as it would for any failure.
 */
final class ClientErrors {

    private ClientErrors() {
    }

    static CompletionStage<Void> answer(CompletionStage<Void> handled, HttpScope scope, Send send) {
        return handled.handle((v, failure) -> {
            if (failure == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            ClientError error = find(failure);
            if (error == null || scope.connection().responseStarted() || !scope.connection().isConnected()) {
                return CompletableFuture.<Void>failedFuture(failure);
            }
            int status = error.status() >= 400 && error.status() <= 499 ? error.status() : 400;
            String message = error.getMessage() == null ? "Bad Request" : error.getMessage();
            return Responses.text(send, status, Headers.empty(), Bytes.utf8(message));
        }).thenCompose(stage -> stage);
    }

    private static ClientError find(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof ClientError e ? e : null;
    }
}
