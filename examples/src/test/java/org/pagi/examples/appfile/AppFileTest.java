package org.pagi.examples.appfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.TestClient;

/** app-01-file through the in-process test client. */
class AppFileTest extends AppFileChecks {

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void servesTheClasspathFolderBesideTheClass() {
        assertEquals("org/pagi/examples/appfile/static", App.ROOT);
    }

    @Test
    void declinesTheLifespan() {
        try (LifespanSession lifespan = TestClient.of(new App()).lifespan()) {
            lifespan.startup();
            assertFalse(lifespan.supported(), "a folder of files has nothing to start");
            assertInstanceOf(UnsupportedScopeException.class, lifespan.declineCause().orElseThrow());
        }
    }
}
