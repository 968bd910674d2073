package org.pagi.wrappers.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

/** The example of the "Same app, test client and server" section of wrappers/README.md: run, and kept identical. */
@Timeout(30)
class ParityReadmeExampleTest {

    @Test
    void theSameAppAnswersTheSameInProcessAndOverASocket() throws Exception {
        // --- README example starts
        Application app = Router.builder()
                .get("/hello/{name}", (scope, receive, send) -> {
                    Request req = Request.of(scope, receive);                      // no cast needed
                    return Response.text("hello " + req.pathParam("name")).respond(scope, send);
                })
                .build();

        assertEquals("hello ann", TestClient.of(app).get("/hello/ann").send().text());    // in process

        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).build();
        try (PagiServer server = PagiServer.start(app, config);                        // over a socket
                HttpClient http = HttpClient.newHttpClient()) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/hello/ann");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hello ann", r.body());
        }
        // --- README example ends
    }

    @Test
    void theReadmeShowsThisExampleUnchanged() throws Exception {
        String source = Files.readString(
                Path.of("src/test/java/org/pagi/wrappers/parity/ParityReadmeExampleTest.java"));
        String start = "README example starts\n";
        String marked = source.substring(source.indexOf(start) + start.length(),
                source.indexOf("        // --- README example ends"));
        String example = Arrays.stream(marked.split("\n", -1))
                .map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(example), "wrappers/README.md must show:\n" + example);
        assertTrue(List.of(readme.split("\n")).contains(
                "## Same app, test client and server (parity and API checks)"));
    }
}
