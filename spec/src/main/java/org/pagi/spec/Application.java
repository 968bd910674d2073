package org.pagi.spec;

import java.util.concurrent.CompletionStage;

/**
 * A PAGI application: one asynchronous function, called once per connection (an HTTP request, a WebSocket, an
 * SSE stream) and once for the process lifespan.
 *
 * <h2>Completion contract</h2>
 * <ul>
 *   <li>The returned stage is the end of the call. When it completes, the server considers the exchange over:
 *       it may close the connection, write the access log, or read the next request. Every {@code send} must be
 *       awaited before it completes; work left running afterwards races with clean-up.</li>
 *   <li>The value the stage completes with is inert: servers ignore it. Results reach the client only through
 *       events passed to {@link Send}.</li>
 *   <li>An {@code http} call that completes without sending {@code http.response.start} while the client is
 *       still connected gets a {@code 500} from the server as a backstop, and a log line. That is not a policy:
 *       a well-behaved application always responds.</li>
 *   <li>Completing exceptionally (or throwing from {@code call}) before the response started gives a
 *       {@code 500}; after it started, the server aborts the connection so the client sees a broken response,
 *       never a truncated success.</li>
 *   <li>An application that does not support {@code scope.type()} must fail (throw or complete exceptionally);
 *       {@link UnsupportedScopeException} says so clearly. For {@code lifespan} that means "not supported" and
 *       the server carries on.</li>
 * </ul>
 * See {@code spec/docs/main.md}, "Application completion contract".
 *
 * <p>Implementations are called concurrently, once per connection, from threads the server chooses.
 */
@FunctionalInterface
public interface Application {

    /**
     * Handles one connection or the lifespan.
     *
     * @param scope   what the connection is; never mutated by the server after the call
     * @param receive yields the next inbound event
     * @param send    takes an outbound event; its stage completes when the server has taken it
     * @return a stage that completes when the application is done with this scope
     */
    CompletionStage<Void> call(Scope scope, Receive receive, Send send);
}
