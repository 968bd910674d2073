package org.pagi.examples.contactform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;

/** The contact form through the in-process test client, plus its defaults and the builder's refusals. */
class ContactFormTest extends ContactFormChecks {

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void theLifespanCreatesTheUploadDirectory() {
        Path nested = uploads.resolve("a/b");
        serve(App.builder().uploadDir(nested).build());
        assertTrue(Files.isDirectory(nested));
    }

    @Test
    void theDefaultsAreUpstreams() {
        assertEquals(5L * 1024 * 1024, App.DEFAULT_MAX_FILE_BYTES);
        assertEquals("5MB", App.size(App.DEFAULT_MAX_FILE_BYTES));
        assertEquals("64KB", App.size(64 * 1024));
        assertEquals("1000 bytes", App.size(1000));
    }

    @Test
    void theBuilderRefusesBadOptionsByName() {
        assertEquals("maxFileBytes must be 1 or more, got 0",
                assertThrows(IllegalArgumentException.class, () -> App.builder().maxFileBytes(0)).getMessage());
        assertEquals("uploadDir", assertThrows(NullPointerException.class, () -> App.builder().uploadDir(null))
                .getMessage());
    }
}
