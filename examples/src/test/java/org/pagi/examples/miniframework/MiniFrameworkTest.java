package org.pagi.examples.miniframework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.TestClient;

/** The mini-framework example in process, plus the claims about the framework itself. */
class MiniFrameworkTest extends MiniFrameworkChecks {
    private static final Path NANO = Path.of("src/main/java/org/pagi/examples/miniframework/Nano.java");

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void theFrameworkIsUnderAHundredLines() throws IOException {
        List<String> lines = Files.readAllLines(NANO);
        assertTrue(lines.size() < 100, "Nano.java has " + lines.size() + " lines");
    }

    @Test
    void theFrameworkImportsTheSpecAndTheJdkOnly() throws IOException {
        for (String line : Files.readAllLines(NANO)) {
            if (line.startsWith("import ")) {
                assertTrue(line.startsWith("import java.") || line.startsWith("import org.pagi.spec."), line);
            }
        }
    }

    @Test
    void aRouteMatchesAWholeSegmentAndLiteralsAreNotPatterns() {
        Application app = new Nano().get("/a.b/:id", req -> "id " + req.param("id")).toApp();
        assertEquals("id 7", TestClient.of(app).get("/a.b/7").send().text());
        assertEquals(404, TestClient.of(app).get("/axb/7").send().status());
        assertEquals(404, TestClient.of(app).get("/a.b/7/8").send().status());
    }

    @Test
    void aHandlerThatFailsOtherwiseIsTheServersError() {
        Application app = new Nano().get("/", req -> {
            throw new IllegalStateException("broken");
        }).toApp();
        assertFalse(assertThrows(RuntimeException.class, () -> TestClient.of(app).get("/").send()).getMessage()
                .isEmpty());
    }

    @Test
    void refusesWebSocketScopes() {
        assertThrows(UnsupportedScopeException.class, () -> TestClient.of(new App()).websocket("/").connect());
    }
}
