package org.pagi.spec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionInfoTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "/api", "/a/b"})
    void acceptsAnEmptyRootOrOneStartingWithSlash(String rootPath) {
        assertEquals(rootPath, new ConnectionInfo(false, Optional.empty(), Optional.empty(), rootPath).rootPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "/api/", "/"})
    void rejectsARootWithoutLeadingSlashOrWithATrailingOne(String rootPath) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConnectionInfo(false, Optional.empty(), Optional.empty(), rootPath));
        assertEquals("rootPath must be empty or start with / and not end with /, got '" + rootPath + "'",
                e.getMessage());
    }
}
