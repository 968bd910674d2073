package org.pagi.examples.contactform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.json.Json;

/** What a client of the contact form sees, over any transport: the page, and every answer of {@code /submit}. */
abstract class ContactFormChecks extends ExampleChecks {
    static final String BOUNDARY = "----pagi-contact-form-check";

    @TempDir
    Path uploads;

    /** A file part of a form: its file name, type and content. */
    record Attachment(String filename, String contentType, byte[] content) {
    }

    ExampleClient form() {
        return serve(App.builder().uploadDir(uploads).build());
    }

    /** The three required fields, filled. */
    static Map<String, String> filled() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Ada Lovelace");
        fields.put("email", "ada@example.org");
        fields.put("message", "Notes on the analytical engine.");
        return fields;
    }

    /** @return a {@code multipart/form-data} POST of {@code fields} and, when given, the attachment */
    static ExampleRequest submit(Map<String, String> fields, Attachment attachment) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (attachment != null) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\""
                    + attachment.filename() + "\"\r\nContent-Type: " + attachment.contentType() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(attachment.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return ExampleRequest.post("/submit", Bytes.of(body.toByteArray()))
                .withHeader("content-type", "multipart/form-data; boundary=" + BOUNDARY);
    }

    static Object json(ExampleResponse response) {
        assertEquals("application/json", response.header("content-type").orElseThrow().split(";")[0]);
        return Json.decode(response.body(), Object.class);
    }

    static Object json(String text) {
        return Json.decode(Bytes.utf8(text), Object.class);
    }

    static Map<?, ?> data(ExampleResponse response) {
        assertEquals(200, response.status(), response.text());
        return (Map<?, ?>) ((Map<?, ?>) json(response)).get("data");
    }

    List<Path> saved() throws IOException {
        try (Stream<Path> files = Files.list(uploads)) {
            return files.toList();
        }
    }

    @Test
    void servesThePageWithNothingFromElsewhere() {
        ExampleClient client = form();
        ExampleResponse page = client.send(ExampleRequest.get("/"));
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.header("content-type").orElseThrow());
        assertTrue(page.text().contains("<form method=\"POST\" action=\"/submit\" enctype=\"multipart/form-data\">"));
        assertFalse(page.text().contains("://"), "no external asset");
        assertEquals(page.text(), client.send(ExampleRequest.get("/index.html")).text());
        assertEquals(404, client.send(ExampleRequest.get("/uploads/")).status(), "uploads are never served");
    }

    @Test
    void acceptsAValidFormWithoutAnAttachment() throws IOException {
        Map<String, String> fields = filled();
        fields.put("subject", "feedback");
        fields.put("subscribe", "yes");
        ExampleResponse response = form().send(submit(fields, null));
        assertEquals(json("""
                {"success":1,"message":"Thank you for your message!","data":{"name":"Ada Lovelace",
                "email":"ada@example.org","subject":"feedback","message":"Notes on the analytical engine.",
                "subscribe":1,"attachment":null}}"""), json(response));
        assertEquals(List.of(), saved());
    }

    @Test
    void refusesMissingFieldsWithEveryReason() {
        ExampleResponse response = form().send(submit(Map.of("subject", "general"), null));
        assertEquals(400, response.status());
        assertEquals(json("""
                {"success":0,"errors":["Name is required","Email is required","Invalid email format",
                "Message is required"]}"""), json(response));
        Map<String, String> fields = filled();
        fields.put("email", "ada.example.org");
        assertEquals(json("{\"success\":0,\"errors\":[\"Invalid email format\"]}"),
                json(form().send(submit(fields, null))));
    }

    @Test
    void savesAnAllowedAttachmentUnderANameTheServerMakesUp() throws IOException {
        ExampleResponse response = form().send(submit(filled(),
                new Attachment("../../etc/notes.txt", "text/plain", "Note G\n".getBytes(StandardCharsets.UTF_8))));
        String name = (String) data(response).get("attachment");
        assertTrue(name.matches("\\d+-[0-9a-f-]{36}\\.txt"), name);
        assertEquals(List.of(uploads.resolve(name)), saved(), "inside the upload directory, whatever the client said");
        assertEquals("Note G\n", Files.readString(uploads.resolve(name)));
    }

    @Test
    void refusesAnAttachmentOfATypeNotAllowedAndKeepsNothing() throws IOException {
        ExampleResponse response = form().send(submit(filled(),
                new Attachment("setup.exe", "application/x-msdownload", new byte[] {'M', 'Z'})));
        assertEquals(400, response.status());
        assertEquals(json("{\"success\":0,\"errors\":[\"File type not allowed: application/x-msdownload\"]}"),
                json(response));
        assertEquals(List.of(), saved());
    }

    @Test
    void refusesAnAttachmentPastTheLimitWith413AndAcceptsOneAtIt() throws IOException {
        ExampleClient client = serve(App.builder().uploadDir(uploads).maxFileBytes(1024).build());
        ExampleResponse tooLarge = client.send(submit(filled(), new Attachment("a.png", "image/png", new byte[1025])));
        assertEquals(413, tooLarge.status());
        assertEquals(json("{\"success\":0,\"errors\":[\"File too large (max 1KB)\"]}"), json(tooLarge));
        assertEquals(List.of(), saved(), "nothing of it was kept");
        ExampleResponse atLimit = client.send(submit(filled(), new Attachment("a.png", "image/png", new byte[1024])));
        assertTrue(((String) data(atLimit).get("attachment")).endsWith(".png"));
    }

    @Test
    void aFieldPastItsLimitIsRefusedWith413NamingIt() {
        Map<String, String> fields = filled();
        fields.put("message", "x".repeat((1 << 20) + 1));
        ExampleResponse response = form().send(submit(fields, null));
        assertEquals(413, response.status());
        assertEquals(json("{\"success\":0,\"errors\":[\"Form too large: form field 'message' exceeds 1048576 bytes "
                + "(maxFieldBytes)\"]}"), json(response));
    }

    @Test
    void noFileChosenIsNoAttachment() {
        // what a browser sends for an empty file input: a part with an empty file name and no content
        ExampleResponse response = form().send(submit(filled(),
                new Attachment("", "application/octet-stream", new byte[0])));
        assertNull(data(response).get("attachment"));
    }

    @Test
    void shortensALongMessageInTheAnswer() {
        Map<String, String> fields = filled();
        fields.put("message", "é".repeat(101));
        assertEquals("é".repeat(100) + "...", data(form().send(submit(fields, null))).get("message"));
        fields.put("message", "é".repeat(100));
        assertEquals("é".repeat(100), data(form().send(submit(fields, null))).get("message"));
    }

    @Test
    void takesAnUrlencodedFormToo() {
        ExampleResponse response = form().send(ExampleRequest.post("/submit",
                        Bytes.utf8("name=Ada&email=ada%40example.org&message=Hi&subscribe=no"))
                .withHeader("content-type", "application/x-www-form-urlencoded"));
        assertEquals(json("{\"name\":\"Ada\",\"email\":\"ada@example.org\",\"subject\":\"general\",\"message\":\"Hi\","
                + "\"subscribe\":0,\"attachment\":null}"), data(response));
    }

    @Test
    void aBodyThatIsNotAFormIsRefusedWithItsStatus() {
        ExampleResponse noBoundary = form().send(ExampleRequest.post("/submit", Bytes.utf8("x"))
                .withHeader("content-type", "multipart/form-data"));
        assertEquals(400, noBoundary.status());
        assertEquals(0L, ((Number) ((Map<?, ?>) json(noBoundary)).get("success")).longValue());
        ExampleResponse text = form().send(ExampleRequest.post("/submit", Bytes.utf8("hello"))
                .withHeader("content-type", "text/plain"));
        assertEquals(415, text.status());
    }
}
