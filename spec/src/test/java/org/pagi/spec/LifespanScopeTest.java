package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LifespanScopeTest {

    @Test
    void hasTypeLifespan() {
        assertEquals("lifespan", new LifespanScope(PagiInfo.current(), new State()).type());
    }

    @Test
    void keepsTheStateItIsGivenRatherThanACopy() {
        State state = new State();
        assertSame(state, new LifespanScope(PagiInfo.current(), state).state());
    }

    @Test
    void rejectsNulls() {
        assertThrows(NullPointerException.class, () -> new LifespanScope(null, new State()));
        assertThrows(NullPointerException.class, () -> new LifespanScope(PagiInfo.current(), null));
    }
}
