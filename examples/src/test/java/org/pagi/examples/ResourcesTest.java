package org.pagi.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void findsAResourceBesideTheClassAndNamesOneThatIsMissing() {
        Resources.beside(org.pagi.examples.jobrunner.App.class, "css/style.css");
        assertEquals("nope.html is missing beside org.pagi.examples.contactform.App",
                assertThrows(IllegalStateException.class,
                        () -> Resources.beside(org.pagi.examples.contactform.App.class, "nope.html")).getMessage());
    }
}
