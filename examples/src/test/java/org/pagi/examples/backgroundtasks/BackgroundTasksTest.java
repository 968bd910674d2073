package org.pagi.examples.backgroundtasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.Await;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;

/** background-tasks through the in-process test client. */
class BackgroundTasksTest extends BackgroundTasksChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void aFailedTaskIsLoggedAndTheOthersAndTheResponseAreUnharmed() {
        List<String> lines = new CopyOnWriteArrayList<>();
        App failing = new App(lines::add, length -> CompletableFuture.failedFuture(new IllegalStateException("down")));
        try (InProcessClient client = InProcessClient.start(failing)) {
            assertEquals(200, client.send(ExampleRequest.get("/async")).status());
            Await.until(() -> lines.contains("[sync] Quick task: Logging request"), "the quick task ran", lines);
            assertEquals(200, client.send(ExampleRequest.get("/async")).status(), "the app serves on");
        }
    }

    @Test
    void readsTheEmailOrUpstreamsDefault() {
        assertEquals("x@y.z", App.email(Bytes.utf8("{\"email\":\"x@y.z\"}")));
        assertEquals(App.DEFAULT_EMAIL, App.email(Bytes.utf8("{\"email\":7}")));
        assertEquals(App.DEFAULT_EMAIL, App.email(Bytes.utf8("[1]")));
    }
}
