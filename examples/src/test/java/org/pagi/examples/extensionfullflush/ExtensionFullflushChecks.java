package org.pagi.examples.extensionfullflush;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.spec.Bytes;

/** What a client of example 07 sees, over any transport; flushing itself is invisible in the bytes. */
abstract class ExtensionFullflushChecks extends ExampleChecks {

    @Test
    void streamsThreeLinesInOrder() {
        ExampleResponse response = serve(new App()).send(ExampleRequest.get("/"));
        assertEquals(200, response.status());
        assertEquals("text/plain", response.header("content-type").orElseThrow());
        assertEquals(List.of(Bytes.utf8("Line 1\n"), Bytes.utf8("Line 2\n"), Bytes.utf8("Line 3\n")),
                response.chunks());
    }
}
