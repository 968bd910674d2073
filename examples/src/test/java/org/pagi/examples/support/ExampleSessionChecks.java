package org.pagi.examples.support;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.pagi.spec.Application;

/**
 * The base of the checks of examples that hold a WebSocket or an SSE stream open, as {@link ExampleChecks} is for
 * request and response examples. A check asks for a client with {@link #serve(Application)} and never names a
 * transport; each concrete test class says which transport it runs over by implementing
 * {@link #start(Application)}: {@link InProcessClient} in {@code <Name>Test}, {@link LiveServerClient} in
 * {@code <Name>LiveServerTest}, with every check unchanged. Clients are closed after each test.
 */
public abstract class ExampleSessionChecks {
    private final List<ExampleSessionClient> clients = new ArrayList<>();

    /** @return a client serving {@code app} over the transport under test, lifespan started */
    protected abstract ExampleSessionClient start(Application app);

    /** @return a client serving {@code app}, closed after the test */
    protected final ExampleSessionClient serve(Application app) {
        ExampleSessionClient client = start(app);
        clients.add(client);
        return client;
    }

    /** Closes every client the test started, last first, as servers stop in reverse order of starting. */
    @AfterEach
    protected final void closeSessionClients() {
        while (!clients.isEmpty()) {
            clients.remove(clients.size() - 1).close();
        }
    }
}
