package org.pagi.wrappers.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.http.Multipart;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

/** The example of the multipart section of wrappers/README.md, kept identical to it and run. */
@Timeout(20)
class MultipartReadmeExampleTest {

    @TempDir
    Path uploads;

    @Test
    void uploadsAndNotes() throws Exception {
        // --- README example starts
        BodyLimits avatars = BodyLimits.DEFAULTS.withMaxFiles(1).withMaxFileBytes(2 << 20);
        Application app = Router.builder()
                .post("/avatar", Blocking.app((scope, receive, send) -> {
                    Request req = Request.of((HttpScope) scope, receive);
                    Response answer;
                    try {
                        MultipartForm form = req.blocking().multipart();          // the route's limits
                        UploadedFile photo = form.file("photo")
                                .orElseThrow(() -> new BadRequestException("no photo"));
                        photo.moveTo(uploads.resolve(photo.filename()));          // kept; the rest is deleted
                        answer = Response.text(form.field("user").orElse("?") + " " + photo.size());
                    } catch (RequestException e) {                                // 400, 413 or 415
                        answer = e.toResponse();
                    }
                    answer.blocking().respond(scope, send);
                }), avatars.middleware())
                .post("/notes", (scope, receive, send) -> Request.of((HttpScope) scope, receive).multipart()
                        .thenApply(form -> Response.text(form.fieldValues("note").size() + " notes"))
                        .exceptionally(e -> e.getCause() instanceof RequestException r
                                ? r.toResponse() : Response.status(500))
                        .thenCompose(r -> r.respond(scope, send)))
                .build();
        // --- README example ends
        TestClient client = TestClient.of(app);
        Bytes jpeg = RequestMultipartTest.random(100_000);
        Multipart avatar = Multipart.builder().field("user", "ann").file("photo", "../me.jpg", "image/jpeg", jpeg)
                .build();
        assertEquals("ann 100000", client.post("/avatar").multipart(avatar).send().text());
        assertEquals(jpeg, Bytes.of(Files.readAllBytes(uploads.resolve("me.jpg"))));
        Multipart two = Multipart.builder().file("photo", "a.jpg", jpeg).file("photo", "b.jpg", jpeg).build();
        assertEquals(413, client.post("/avatar").multipart(two).send().status());
        assertEquals(400, client.post("/avatar").multipart(Multipart.builder().field("user", "x").build()).send()
                .status());
        Multipart notes = Multipart.builder().field("note", "a").field("note", "b").build();
        assertEquals("2 notes", client.post("/notes").multipart(notes).send().text());
        assertEquals(415, client.post("/notes").text("x").send().status());
        assertEquals(List.of("me.jpg"), RequestMultipartTest.list(uploads));
    }
}
