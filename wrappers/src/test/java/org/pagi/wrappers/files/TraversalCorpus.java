package org.pagi.wrappers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

/**
 * Request paths that must never reach a file outside the static root or a hidden one, as data a test iterates. The
 * root is laid out by {@link StaticTree}: every case names a file holding {@link StaticTree#SECRET} if it were
 * served. {@code status} is what the File app, or the StaticFiles middleware answering misses with 404, gives: 400
 * when the path is refused before the file system is touched, 404 when it is looked up and found missing or hidden.
 */
public final class TraversalCorpus {

    /** One attack: the raw request path, the expected status, and what it tries. */
    public record Case(String rawPath, int status, String tries) {
    }

    /** The corpus. */
    public static final List<Case> CASES = List.of(
            new Case("/../outside.txt", 400, "dot-dot segment"),
            new Case("/sub/../../outside.txt", 400, "dot-dot after a real directory"),
            new Case("/%2e%2e/outside.txt", 400, "encoded dot-dot"),
            new Case("/%2E%2E%2Foutside.txt", 400, "encoded dot-dot and slash"),
            new Case("/sub%2F..%2F..%2Foutside.txt", 400, "encoded slash (%2F)"),
            new Case("/sub%5C..%5C..%5Coutside.txt", 400, "encoded backslash (%5C)"),
            new Case("/..\\outside.txt", 400, "raw backslash"),
            new Case("/C:/outside.txt", 400, "drive letter"),
            new Case("/c%3A%5Coutside.txt", 400, "encoded drive letter"),
            new Case("//outside.txt", 400, "empty segment (//)"),
            new Case("/a.txt%00.html", 400, "NUL"),
            new Case("/%c0%ae%c0%ae/outside.txt", 404, "overlong UTF-8 dot: never read as a dot"),
            new Case("/%252e%252e/outside.txt", 404, "double encoding: decoded once, a literal name"),
            new Case("/.secret", 404, "dotfile"),
            new Case("/%2esecret", 404, "encoded dotfile"),
            new Case("/sub/.hidden", 404, "dotfile in a subdirectory"),
            new Case("/.git/config", 404, "dot directory"),
            new Case("/link-out", 404, "symlink out of the root"),
            new Case("/link-sibling", 404, "symlink into a sibling sharing the root's prefix"),
            new Case("/link-dir-sibling/leak.txt", 404, "directory symlink into the same-prefix sibling"),
            new Case("/link-dot", 404, "symlink to a dotfile"),
            new Case("/../pubx/leak.txt", 400, "dot-dot into the same-prefix sibling"));

    private TraversalCorpus() {
    }

    /** Every case gets its status and no secret from {@code client}, which serves the tree at {@code prefix}. */
    public static void check(TestClient client, String prefix) {
        for (Case c : CASES) {
            TestResponse r = client.get(prefix + c.rawPath()).send();
            assertEquals(c.status(), r.status(), c.tries() + ": " + c.rawPath());
            assertFalse(r.text().contains(StaticTree.SECRET), c.tries() + " leaked");
        }
    }
}
