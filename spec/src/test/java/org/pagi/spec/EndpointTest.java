package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @Test
    void tcpEndpointPrintsHostAndPort() {
        assertEquals("127.0.0.1:8080", Endpoint.of("127.0.0.1", 8080).toString());
    }

    @Test
    void unixSocketHasNoPortAndPrintsThePath() {
        Endpoint e = Endpoint.unixSocket("/run/app.sock");
        assertEquals(OptionalInt.empty(), e.port());
        assertEquals("/run/app.sock", e.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65535})
    void acceptsPortsZeroTo65535(int port) {
        assertEquals(OptionalInt.of(port), Endpoint.of("h", port).port());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, Integer.MAX_VALUE})
    void rejectsPortsOutsideTheRange(int port) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.of("h", port));
        assertEquals("port must be 0-65535, got " + port, e.getMessage());
    }
}
