package org.pagi.examples.requestbody;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;

/** Example 03 through the in-process test client, plus what only an in-process test can see. */
class RequestBodyTest extends RequestBodyChecks {

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void returnsWithoutAnsweringWhenTheClientLeavesMidBody() {
        TestClient client = TestClient.builder(new App()).timeout(Duration.ofSeconds(2)).build();
        StreamingResponse response = client.post("/").openBody().stream();
        response.writeBody(Bytes.utf8("half a bo"), true);
        response.disconnect();
        response.close(); // fails the test if the application is still waiting for the rest
        assertFalse(response.connection().responseStarted());
    }
}
