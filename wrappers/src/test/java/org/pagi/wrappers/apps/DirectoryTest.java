package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.files.StaticTree;
import org.pagi.wrappers.files.TraversalCorpus;

/** The Directory app: listings as escaped HTML or JSON, what is left out, and the File app's answers for the rest. */
class DirectoryTest {
    static final Instant MTIME = Instant.parse("2024-01-02T03:04:05Z");
    static final String SCRIPT = "<img src=x onerror=alert(1)>.txt";

    @TempDir
    static Path base;
    static Path root;

    @BeforeAll
    static void tree() throws IOException {
        root = Files.createDirectories(base.resolve("files"));
        Files.writeString(base.resolve("outside.txt"), StaticTree.SECRET);
        for (String name : List.of(SCRIPT, "a&b.txt", "q\"uote'.txt", "caf\u00e9 \u2615.txt", "ab:c.txt", "C:x.txt",
                ".env")) {
            write(root.resolve(name), 3);
        }
        write(root.resolve("empty.txt"), 0);
        write(root.resolve("kilo.bin"), 1536);
        write(root.resolve("mega.bin"), 3 * 1024 * 1024);
        Path sub = Files.createDirectories(root.resolve("sub"));
        write(sub.resolve("inner.txt"), 5);
        Files.createDirectories(root.resolve("Alpha"));
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(Files.createDirectories(root.resolve("site")).resolve("index.html"), "<p>site</p>");
        Files.createSymbolicLink(root.resolve("escape"), base.resolve("outside.txt"));
        Files.createSymbolicLink(root.resolve("dot-link"), root.resolve(".env"));
        Files.createSymbolicLink(root.resolve(".link-out"), base.resolve("outside.txt"));
        for (Path dir : List.of(root.resolve("Alpha"), sub, root.resolve(".git"), root.resolve("site"))) {
            Files.setLastModifiedTime(dir, FileTime.from(MTIME));
        }
    }

    private static void write(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);   // sparse: the size is what is listed
        }
        Files.setLastModifiedTime(file, FileTime.from(MTIME));
    }

    private static TestClient client(Directory app) {
        return FileRootsTest.client(app);
    }

    @Test
    void htmlListingEscapesNamesEncodesLinksAndSortsDirectoriesFirst() {
        TestResponse r = client(Directory.builder(root).build()).get("/").send();
        assertEquals(200, r.status());
        assertEquals(Optional.of("text/html; charset=utf-8"), r.header("content-type"));
        String html = r.text();
        assertTrue(html.contains("<title>Index of /</title>"), html);
        assertFalse(html.contains("<img"), "no name is markup");
        assertTrue(html.contains("<a href=\"%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.txt\">"
                + "&lt;img src=x onerror=alert(1)&gt;.txt</a>"), html);
        assertTrue(html.contains("<a href=\"a%26b.txt\">a&amp;b.txt</a>"), html);
        assertTrue(html.contains("<a href=\"q%22uote%27.txt\">q&quot;uote&#39;.txt</a>"), html);
        assertTrue(html.contains("<a href=\"caf%C3%A9%20%E2%98%95.txt\">caf\u00e9 \u2615.txt</a>"), html);
        assertTrue(html.contains("<a href=\"ab%3Ac.txt\">"), "a colon cannot start a scheme");
        assertFalse(html.contains("C%3Ax.txt"), "a name no request can spell (a drive letter) is not listed");
        assertTrue(html.contains("<td>0</td>") && html.contains("<td>1.5 KB</td>") && html.contains("<td>3.0 MB</td>")
                && html.contains("<td>3.0 B</td>"), html);
        assertFalse(html.contains("href=\"../\""), "no parent link at the root");
        List<String> order = List.of("Alpha/", "site/", "sub/", "%3Cimg", "a%26b.txt", "ab%3Ac.txt", "caf", "empty.txt",
                "kilo.bin", "mega.bin", "q%22");
        int at = -1;
        for (String href : order) {
            int next = html.indexOf("<a href=\"" + href);
            assertTrue(next > at, href + " out of order in " + html);
            at = next;
        }
        for (String left : List.of(".env", ".git", "escape", "dot-link", ".link-out")) {
            assertFalse(html.contains(">" + left), left + " is listed");
        }
    }

    @Test
    void jsonListingByAcceptWithUpstreamFields() {
        TestClient client = client(Directory.builder(root).build());
        TestResponse r = client.get("/sub/").header("accept", "application/json").send();
        assertEquals(Optional.of("application/json"), r.header("content-type"));
        assertEquals("[{\"name\":\"inner.txt\",\"is_dir\":0,\"size\":5,\"mtime\":" + MTIME.getEpochSecond() + "}]",
                r.text());
        TestResponse top = client.get("/").header("accept", "text/html;q=0.5, application/json").send();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = top.json(List.class);
        assertEquals(Map.of("name", "Alpha", "is_dir", 1, "size", 0, "mtime", (int) MTIME.getEpochSecond()),
                rows.getFirst());
        assertTrue(rows.stream().anyMatch(row -> row.get("name").equals(SCRIPT)), "JSON carries the raw name");
        assertEquals(Optional.of("text/html; charset=utf-8"), client.get("/").header("accept", "*/*").send()
                .header("content-type"), "HTML unless JSON is preferred");
    }

    @Test
    void subdirectoriesLinkToTheirParentButNeverAboveTheRoot() {
        TestClient client = FileRootsTest.client(URLMap.builder().mount("/files", Directory.builder(root).build())
                .build());
        String sub = client.get("/files/sub/").send().text();
        assertTrue(sub.contains("<title>Index of /files/sub/</title>"), sub);
        assertTrue(sub.contains("<a href=\"../\">..</a>"), sub);
        assertTrue(sub.contains("<a href=\"inner.txt\">inner.txt</a>"), sub);
        assertFalse(client.get("/files/").send().text().contains("href=\"../\""), "the mount's root has no parent");
        assertEquals(Optional.of("/files/sub/"), client.get("/files/sub").send().header("location"),
                "without the slash the relative links would resolve wrong");
        assertEquals("<p>site</p>", client.get("/files/site/").send().text(), "an index file is served, not listed");
        TestResponse head = client.head("/files/sub/").send();
        assertEquals(200, head.status());
        assertEquals(0, head.body().length());
        assertTrue(Integer.parseInt(head.header("content-length").orElseThrow()) > 0);
    }

    @Test
    void hiddenNamesCanBeListedButAreNeverServed() {
        TestClient client = client(Directory.builder(root).showHidden(true).build());
        String html = client.get("/").send().text();
        assertTrue(html.contains("<a href=\".env\">.env</a>") && html.contains("<a href=\".git/\">.git/</a>"), html);
        assertFalse(html.contains(".link-out"), "a hidden link out of the root is not listed");
        assertEquals(404, client.get("/.env").send().status());
    }

    @Test
    void filesAndTheTraversalCorpusAreTheFileApps() throws IOException {
        Path tree = StaticTree.create(Files.createDirectories(base.resolve("corpus")));
        TestClient client = client(Directory.builder(tree).build());
        TraversalCorpus.check(client, "");
        assertEquals(StaticTree.DIGITS, client.get("/a.txt").send().text());
        assertTrue(client.get("/empty/").send().text().contains("Index of /empty/"));
        assertEquals(405, client.post("/").send().status());
    }

    @Test
    void aDirectoryOverTheListingLimitIsRefused() {
        TestResponse r = client(Directory.builder(root).listingLimit(3).build()).get("/").send();
        assertEquals(403, r.status());
        assertTrue(r.text().contains("more than 3 entries (listingLimit)"), r.text());
        URLMapTest.assertMessage("listingLimit: must be 1 or more, got 0", () -> Directory.builder(root)
                .listingLimit(0));
        URLMapTest.assertMessage("root: ", () -> Directory.builder(base.resolve("none")).build());
    }
}
