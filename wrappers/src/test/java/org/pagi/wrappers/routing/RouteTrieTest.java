package org.pagi.wrappers.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTrieTest {

    private static RouteTrie<List<String>> trie(String... templates) {
        RouteTrie<List<String>> trie = new RouteTrie<>();
        for (String t : templates) {
            trie.put(PathTemplate.parse(t), ArrayList::new).add(t);
        }
        return trie;
    }

    private static List<String> order(RouteTrie<List<String>> trie, String path) {
        List<String> seen = new ArrayList<>();
        trie.find(path, (value, captures) -> {
            seen.addAll(value);
            return false;
        });
        return seen;
    }

    @Test
    void precedenceIsLiteralTypedRegexPlainWildcardWhateverTheRegistrationOrder() {
        RouteTrie<List<String>> trie = trie("/u/{*rest}", "/u/{name}", "/u/{r:[0-9a-f]+}", "/u/{id:int}", "/u/42");
        assertEquals(List.of("/u/42", "/u/{id:int}", "/u/{r:[0-9a-f]+}", "/u/{name}", "/u/{*rest}"),
                order(trie, "/u/42"));
        assertEquals(List.of("/u/{r:[0-9a-f]+}", "/u/{name}", "/u/{*rest}"), order(trie, "/u/beef"));
        assertEquals(List.of("/u/{*rest}"), order(trie, "/u/a/b"));
    }

    @Test
    void backtracksIntoALessPreciseBranchWhenTheMorePreciseOneDeadEnds() {
        RouteTrie<List<String>> trie = trie("/a/b/c", "/a/{x}/d");
        assertEquals(List.of("/a/{x}/d"), order(trie, "/a/b/d"));
    }

    @Test
    void capturesComeInTemplateOrder() {
        RouteTrie<List<String>> trie = trie("/o/{org}/t/{team:int}/{*rest}");
        List<List<String>> captures = new ArrayList<>();
        trie.find("/o/acme/t/7/x/y", (value, c) -> captures.add(c));
        assertEquals(List.of(List.of("acme", "7", "x/y")), captures);
    }

    @Test
    void pathsWithoutALeadingSlashMatchNothing() {
        assertEquals(List.of(), order(trie("/", "/{*all}"), "*"));
        assertEquals(List.of(), order(trie("/", "/{*all}"), ""));
    }
}
