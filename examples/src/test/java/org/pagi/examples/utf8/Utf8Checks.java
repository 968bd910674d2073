package org.pagi.examples.utf8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.spec.Bytes;

/** What a client of example 12 sees, over any transport. */
abstract class Utf8Checks extends ExampleChecks {

    @Test
    void servesThePageWithEncodedSampleLinksAndNoEcho() {
        ExampleResponse response = serve(new App()).send(ExampleRequest.get("/"));
        assertEquals(200, response.status());
        assertEquals("text/html; charset=utf-8", response.header("content-type").orElseThrow());
        String page = response.text();
        assertTrue(page.contains("<a href=\"/echo/%CE%BB\">λ</a>"), page);
        assertTrue(page.contains("<a href=\"/echo/%F0%9F%94%A5\">🔥</a>"), page);
        assertTrue(page.contains("<a href=\"/echo/caf%C3%A9\">café</a>"), page);
        assertFalse(page.contains("Echo (from"), page);
    }

    @Test
    void contentLengthCountsBytesNotCharacters() {
        ExampleResponse response = serve(new App()).send(ExampleRequest.get("/echo/%E4%B8%AD%E6%96%87"));
        int bytes = response.body().length();
        assertTrue(bytes > response.text().length(), "the page has multi-byte characters");
        assertEquals(Integer.toString(bytes), response.header("content-length").orElseThrow());
    }

    @Test
    void echoesTheDecodedPath() {
        String page = serve(new App()).send(ExampleRequest.get("/echo/%F0%9F%94%A5")).text();
        assertEchoed(page, "path", "🔥", 1, 4, "U+1F525");
    }

    @Test
    void echoesTheQueryString() {
        String page = serve(new App()).send(ExampleRequest.get("/?text=%CE%BB+%E2%99%A5")).text();
        assertEchoed(page, "query string", "λ ♥", 3, 6, "U+03BB U+0020 U+2665");
    }

    @Test
    void echoesAFormBody() {
        ExampleRequest post = ExampleRequest.post("/", Bytes.utf8("text=caf%C3%A9"))
                .withHeader("content-type", "application/x-www-form-urlencoded");
        String page = serve(new App()).send(post).text();
        assertEchoed(page, "POST body", "café", 4, 5, "U+0063 U+0061 U+0066 U+00E9");
    }

    @Test
    void prefersThePathToTheQueryAsUpstream() {
        String page = serve(new App()).send(ExampleRequest.get("/echo/%CE%BB?text=x")).text();
        assertTrue(page.contains("Echo (from path):"), page);
    }

    @Test
    void escapesTheEchoedText() {
        String page = serve(new App()).send(ExampleRequest.get("/?text=%3Cscript%3E")).text();
        assertTrue(page.contains("&lt;script&gt;"), page);
        assertFalse(page.contains("<script>"), page);
    }

    private static void assertEchoed(String page, String source, String text, int chars, int bytes, String points) {
        assertTrue(page.contains("<h2>Echo (from " + source + "):</h2>"), page);
        assertTrue(page.contains("<pre style=\"font-size: 1.5em;\">" + text + "</pre>"), page);
        assertTrue(page.contains("Characters: " + chars + " | UTF-8 bytes: " + bytes), page);
        assertTrue(page.contains("Codepoints: " + points + "</p>"), page);
    }
}
