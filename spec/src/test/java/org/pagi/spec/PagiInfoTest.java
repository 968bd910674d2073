package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PagiInfoTest {

    @Test
    void currentIsVersionZeroPointThreeSingleProcess() {
        PagiInfo p = PagiInfo.current();
        assertEquals("0.3", p.version());
        assertEquals("0.3", p.specVersion());
        assertFalse(p.isWorker());
        assertEquals(OptionalInt.empty(), p.workerNum());
    }

    @Test
    void workerCarriesItsNumber() {
        PagiInfo p = PagiInfo.worker(3);
        assertTrue(p.isWorker());
        assertEquals(OptionalInt.of(3), p.workerNum());
        assertEquals(PagiInfo.LIFESPAN_SPEC_VERSION, p.specVersion());
    }

    @Test
    void rejectsAWorkerNumberBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PagiInfo.worker(0));
        assertEquals("workerNum must be 1 or more, got 0", e.getMessage());
    }
}
