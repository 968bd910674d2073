package org.pagi.examples.flowcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.TestClient;

/** The flow-control example through the in-process test client. */
class FlowControlTest extends FlowControlChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void refusesPlainHttp() {
        assertThrows(UnsupportedScopeException.class, () -> TestClient.of(new App()).get("/").send());
    }

    @Test
    void theClockGivesAFreshPaddedReading() throws InterruptedException {
        Optional<String> reading = Readings.clock().next();
        assertTrue(reading.orElseThrow().endsWith(" " + ".".repeat(2000)), reading.get());
        assertEquals(19 + 1 + 2000, reading.get().length(), "yyyy-MM-ddTHH:mm:ss, a space, the padding");
    }
}
