package org.pagi.examples.legacybridge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A handler written for the JDK's {@code com.sun.net.httpserver}, knowing nothing of PAGI, as upstream's PSGI
 * application: it reads the whole request body and answers {@code 200 text/plain}
 * {@code "HttpHandler says hi\nBody: <body>"}. Stateless.
 */
public final class LegacyHandler implements HttpHandler {

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        byte[] answer = ("HttpHandler says hi\nBody: " + body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }
}
