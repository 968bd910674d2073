package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnsupportedScopeExceptionTest {

    @Test
    void namesTheDeclinedScopeType() {
        Scope scope = new LifespanScope(PagiInfo.current(), new State());
        assertEquals("unsupported scope type: lifespan", new UnsupportedScopeException(scope).getMessage());
    }
}
