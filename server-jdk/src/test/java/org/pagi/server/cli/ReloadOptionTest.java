package org.pagi.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The launcher's {@code --reload}: only for a {@code .java} app, refused by name otherwise. */
class ReloadOptionTest {
    private static Command.Serve serve(String... args) throws UsageException {
        return assertInstanceOf(Command.Serve.class, CommandLine.parse(args));
    }

    @Test
    void turnsReloadOnForAJavaFile() throws UsageException {
        assertTrue(serve("--app", "apps/Hello.java", "--reload").reload());
        assertTrue(serve("--reload", "--app", "Hello.JAVA").reload(), "in any order, any case");
    }

    @Test
    void isOffByDefault() throws UsageException {
        assertFalse(serve("--app", "apps/Hello.java").reload());
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.Hello", "apps/hello.jar"})
    void refusesAnAppThatIsNoJavaFile(String app) {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse("--app", app, "--reload"));
        assertEquals("--reload: needs --app to be a .java file, got '" + app + "'", e.getMessage());
    }

    @Test
    void takesNoValue() {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse("--app", "A.java",
                "--reload=yes"));
        assertEquals("--reload: takes no value", e.getMessage());
    }

    @Test
    void isListedInTheHelp() {
        assertTrue(CommandLine.help().lines().anyMatch(l -> l.strip().startsWith("--reload ")), CommandLine.help());
    }
}
