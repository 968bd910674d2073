package org.pagi.middleware;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/** An application that answers every request with a fixed status, headers and body split into given events. */
final class ScriptedResponse {
    private ScriptedResponse() {
    }

    /** One body event per string, the last one ending the body. */
    static Application of(int status, Headers headers, String... events) {
        return of(status, headers, List.of(events));
    }

    /** One body event per string, the last one ending the body. */
    static Application of(int status, Headers headers, List<String> events) {
        return (scope, receive, send) -> {
            CompletionStage<Void> done = send.send(new HttpResponseStart(status, headers));
            for (int i = 0; i < events.size(); i++) {
                HttpResponseBody body = new HttpResponseBody(Bytes.utf8(events.get(i)), i < events.size() - 1);
                done = done.thenCompose(v -> send.send(body));
            }
            return done;
        };
    }
}
