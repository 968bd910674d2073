package org.pagi.wrappers.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The header values FileResponse builds: content types, dispositions and If-None-Match matching. */
class FileHeadersTest {

    @Test
    void contentTypesComeFromTheLastExtension() {
        assertEquals("text/html; charset=utf-8", ContentTypes.forFileName("site/INDEX.HTML"));
        assertEquals("application/gzip", ContentTypes.forFileName("a.tar.gz"));
        assertEquals("image/svg+xml", ContentTypes.forFileName("C:\\icons\\x.svg"));
        assertEquals(ContentTypes.DEFAULT, ContentTypes.forFileName(".profile"));
        assertEquals(ContentTypes.DEFAULT, ContentTypes.forFileName("Makefile"));
        assertEquals(ContentTypes.DEFAULT, ContentTypes.forFileName("dir.d/noext"));
        assertEquals(ContentTypes.DEFAULT, ContentTypes.forFileName("x.exe"));
    }

    @Test
    void dispositionNamesCannotBreakTheHeaderOrNameAPath() {
        assertEquals("attachment; filename=\"a.txt\"", ContentDisposition.attachment("/etc/../a.txt"));
        assertEquals("attachment; filename=\"b.txt\"", ContentDisposition.attachment("..\\dir\\b.txt"));
        assertEquals("inline; filename=\"xinjected\"", ContentDisposition.inline("x\r\ninjected\u0000"));
        assertEquals("attachment", ContentDisposition.attachment("dir/.."));
        assertEquals("attachment", ContentDisposition.attachment(" \r\n"));
        assertEquals("inline; filename=\"_.txt\"; filename*=UTF-8''%F0%9F%93%84.txt", ContentDisposition.inline("📄.txt"));
        assertEquals("attachment; filename=\"a_b\"", ContentDisposition.attachment("a\"b"));
    }

    @Test
    void ifNoneMatchComparesWeaklyAcrossLists() {
        Optional<String> strong = Optional.of("\"a,b\"");
        assertTrue(Conditional.noneMatchFails("\"a,b\"", strong), "a comma inside a tag is part of it");
        assertTrue(Conditional.noneMatchFails("W/\"a,b\"", strong));
        assertTrue(Conditional.noneMatchFails("\"x\" , W/\"a,b\"", strong));
        assertTrue(Conditional.noneMatchFails("\"x\"", Optional.of("W/\"x\"")));
        assertTrue(Conditional.noneMatchFails(" * ", Optional.empty()));
        assertFalse(Conditional.noneMatchFails("\"a\"", strong));
        assertFalse(Conditional.noneMatchFails("a,b", strong), "unquoted members are not tags");
        assertFalse(Conditional.noneMatchFails("\"x\"", Optional.empty()));
        assertEquals(List.of("\"x\"", "W/\"y\""), Conditional.tags("junk, \"x\",W/\"y\", W/z, \"open"));
    }
}
