package org.pagi.wrappers.response;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.pagi.spec.Bytes;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

/** Any body goes through respond and the test client byte for byte, with the matching content-length. */
class ResponseBodyProperties {

    @Property(tries = 300)
    void textRoundTrips(@ForAll String text) {
        TestResponse r = TestClient.of(Response.text(text)).get("/").send();
        Bytes expected = Bytes.utf8(text);
        assertEquals(expected, r.body());
        assertEquals(Optional.of(Integer.toString(expected.length())), r.header("content-length"));
    }

    @Property(tries = 300)
    void bytesRoundTrip(@ForAll @Size(max = 4096) byte[] body) {
        TestResponse r = TestClient.of(Response.bytes(Bytes.of(body), "application/octet-stream")).get("/").send();
        assertEquals(Bytes.of(body), r.body());
        assertEquals(Optional.of(Integer.toString(body.length)), r.header("content-length"));
    }
}
