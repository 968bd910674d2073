package org.pagi.examples.contactform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Bytes;
import org.pagi.spec.Application;

/**
 * The contact form on a live server through the JDK's {@code HttpClient}, in both execution modes. The page in a
 * real browser is {@link ContactFormBrowserTest}.
 */
class ContactFormLiveServerTest extends ContactFormChecks {

    @Override
    protected ExampleClient start(Application app) {
        return LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
    }

    @Test
    void readsAFormSentChunkedInPiecesThatSplitItsParts() {
        ExampleRequest whole = submit(filled(), new Attachment("n.txt", "text/plain",
                "split across chunks".getBytes(StandardCharsets.UTF_8)));
        byte[] body = whole.body().get(0).toByteArray();
        List<Bytes> pieces = List.of(Bytes.of(body, 0, 7), Bytes.of(body, 7, 100), Bytes.of(body, 107,
                body.length - 107));
        assertEquals("Ada Lovelace", data(form().send(whole.withBodyChunks(pieces))).get("name"));
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends ContactFormChecks {
        @Override
        protected ExampleClient start(Application app) {
            return LiveServerClient.start(app, ExecutionMode.EVENT_LOOP);
        }
    }
}
