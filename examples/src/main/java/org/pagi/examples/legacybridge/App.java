package org.pagi.examples.legacybridge;

import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.bridge.HttpHandlerApp;

/**
 * Upstream's {@code 09-psgi-bridge}, with the JDK's {@code HttpHandler} in the place of PSGI: {@link
 * LegacyHandler}, unchanged, runs as a PAGI application through the wrappers' {@link HttpHandlerApp}. The bridge
 * builds an {@code HttpExchange} from the {@code http} scope, streams {@code http.request} events in as the
 * handler reads its body, and sends what it writes as {@code http.response.*} events; the handler blocks on its
 * own virtual thread, never the server's. Other scopes fail with {@code UnsupportedScopeException}.
 */
public final class App implements Application {
    private final Application app = HttpHandlerApp.of(new LegacyHandler());

    /** Creates the application. */
    public App() {
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }
}
