package org.pagi.wrappers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

/**
 * {@code Range} and {@code If-Range} requests against a 100-byte file ({@link StaticTree#DIGITS}), as data a test
 * iterates: the expected status and {@code Content-Range} (empty for none).
 */
public final class RangeCorpus {

    /** The validator an {@code If-Range} case sends, filled in from the response to a plain GET. */
    public enum IfRange { NONE, STRONG_ETAG, WEAK_ETAG, OTHER_ETAG, LAST_MODIFIED }

    /** One request: its {@code Range}, its {@code If-Range}, and the answer expected. */
    public record Case(String range, IfRange ifRange, int status, Optional<String> contentRange) {
    }

    /** The corpus. */
    public static final List<Case> CASES = List.of(
            new Case("bytes=0-9", IfRange.NONE, 206, Optional.of("bytes 0-9/100")),
            new Case("bytes=90-", IfRange.NONE, 206, Optional.of("bytes 90-99/100")),
            new Case("bytes=95-200", IfRange.NONE, 206, Optional.of("bytes 95-99/100")),
            new Case("bytes=5-4", IfRange.NONE, 200, Optional.empty()),
            new Case("bytes=0--1", IfRange.NONE, 200, Optional.empty()),
            new Case("bytes=-0", IfRange.NONE, 416, Optional.of("bytes */100")),
            new Case("bytes=100-", IfRange.NONE, 416, Optional.of("bytes */100")),
            new Case("bytes=-99999", IfRange.NONE, 206, Optional.of("bytes 0-99/100")),
            new Case("items=0-9", IfRange.NONE, 200, Optional.empty()),
            new Case("bytes=" + IntStream.range(0, 101).mapToObj(i -> i + "-" + i)
                    .collect(Collectors.joining(",")), IfRange.NONE, 200, Optional.empty()),
            new Case("bytes=0-10,5-15", IfRange.NONE, 206, Optional.of("bytes 0-15/100")),
            new Case("bytes=0-9", IfRange.STRONG_ETAG, 206, Optional.of("bytes 0-9/100")),
            new Case("bytes=0-9", IfRange.WEAK_ETAG, 200, Optional.empty()),
            new Case("bytes=0-9", IfRange.OTHER_ETAG, 200, Optional.empty()),
            new Case("bytes=0-9", IfRange.LAST_MODIFIED, 206, Optional.of("bytes 0-9/100")));

    private RangeCorpus() {
    }

    /** Every case gets its status, {@code Content-Range} and body from {@code client}, which serves the tree. */
    public static void check(TestClient client) {
        TestResponse plain = client.get("/a.txt").send();
        String etag = plain.header("etag").orElseThrow();
        for (Case c : CASES) {
            var req = client.get("/a.txt").header("range", c.range());
            switch (c.ifRange()) {
                case NONE -> { }
                case STRONG_ETAG -> req.header("if-range", etag);
                case WEAK_ETAG -> req.header("if-range", "W/" + etag);
                case OTHER_ETAG -> req.header("if-range", "\"other\"");
                case LAST_MODIFIED -> req.header("if-range", plain.header("last-modified").orElseThrow());
            }
            TestResponse r = req.send();
            String what = c.range() + " / " + c.ifRange();
            assertEquals(c.status(), r.status(), what);
            assertEquals(c.contentRange(), r.header("content-range"), what);
            if (c.status() == 200) {
                assertEquals(StaticTree.DIGITS, r.text(), what);
            }
        }
        assertEquals("0123456789", client.get("/a.txt").header("range", "bytes=0-9").send().text());
    }
}
