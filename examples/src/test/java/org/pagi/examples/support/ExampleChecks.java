package org.pagi.examples.support;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.pagi.spec.Application;

/**
 * The base of every example's checks. A check asks for a client with {@link #serve(Application)} and never
 * names a transport; each concrete test class says which transport it runs over by implementing
 * {@link #start(Application)}: {@link InProcessClient} in {@code <Name>Test}, {@link LiveServerClient} in
 * {@code <Name>LiveServerTest}, with every check unchanged. Clients are closed after each test.
 */
public abstract class ExampleChecks {
    private final List<ExampleClient> clients = new ArrayList<>();

    /** @return a client serving {@code app} over the transport under test, lifespan started */
    protected abstract ExampleClient start(Application app);

    /** @return a client serving {@code app}, closed after the test */
    protected final ExampleClient serve(Application app) {
        ExampleClient client = start(app);
        clients.add(client);
        return client;
    }

    /** Closes every client the test started, last first, as servers stop in reverse order of starting. */
    @AfterEach
    protected final void closeClients() {
        while (!clients.isEmpty()) {
            clients.remove(clients.size() - 1).close();
        }
    }
}
