package org.pagi.wrappers.request;

import java.util.ArrayList;
import java.util.List;
import org.pagi.spec.Bytes;

/** Splits a body at given offsets (clamped, in any order) into the pieces a client would send one by one. */
final class Pieces {

    private Pieces() {
    }

    static List<Bytes> split(byte[] body, List<Integer> cuts) {
        List<Integer> at = new ArrayList<>(cuts.stream().map(c -> Math.min(Math.max(c, 0), body.length)).sorted()
                .toList());
        List<Bytes> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : at) {
            pieces.add(Bytes.of(body, from, cut - from));
            from = cut;
        }
        pieces.add(Bytes.of(body, from, body.length - from));
        return pieces;
    }
}
