package org.pagi.examples.fulldemo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;

/** full-demo through the in-process test client. */
class FullDemoTest extends FullDemoChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void streamSendsFiveSeparateChunks() {
        try (InProcessClient client = InProcessClient.start(quick())) {
            List<String> pieces = new ArrayList<>();
            for (Bytes chunk : client.send(ExampleRequest.get("/stream")).chunks()) {
                if (chunk.length() > 0) {
                    pieces.add(chunk.utf8());
                }
            }
            List<String> expected = new ArrayList<>(List.of("Stream started (request #0)\n"));
            expected.addAll(App.CHUNKS);
            assertEquals(expected, pieces);
        }
    }
}
