package org.pagi.wrappers.lifespan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.PagiInfo;
import org.pagi.spec.State;

/** Typed state keys: put, get from a state or a scope, and errors that name the key. */
class StateKeyTest {

    private static final StateKey<String> GREETING = StateKey.of("test.greeting", String.class);

    @Test
    void putThenGetFromTheStateAndFromAScopeCopy() {
        State lifespan = new State();
        GREETING.put(lifespan, "hello");
        LifespanScope later = new LifespanScope(PagiInfo.current(), lifespan.copy());
        assertEquals("hello", GREETING.get(lifespan));
        assertEquals("hello", GREETING.get(later));
        assertEquals(Optional.of("hello"), GREETING.find(later.state()));
    }

    @Test
    void aMissingValueNamesTheKey() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GREETING.get(new State()));
        assertTrue(e.getMessage().startsWith("state key 'test.greeting' is not set"), e.getMessage());
        assertEquals(Optional.empty(), GREETING.find(new State()));
    }

    @Test
    void aValueOfAnotherTypeNamesTheKey() {
        State state = new State().put("test.greeting", 42);
        ClassCastException e = assertThrows(ClassCastException.class, () -> GREETING.get(state));
        assertTrue(e.getMessage().contains("'test.greeting'"), e.getMessage());
    }

    @Test
    void badKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StateKey.of("", String.class));
        assertThrows(NullPointerException.class, () -> StateKey.of("x", null));
        assertThrows(NullPointerException.class, () -> GREETING.put(new State(), null));
    }
}
