package org.pagi.examples.contactform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.pagi.examples.Resources;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.lifespan.Lifespan;
import org.pagi.wrappers.request.BodyLimits;
import org.pagi.wrappers.request.PayloadTooLargeException;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.request.RequestException;
import org.pagi.wrappers.request.UploadedFile;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.response.FileSource;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

/**
 * A contact form, as upstream's {@code examples/13-contact-form}: the page at {@code /} and {@code POST /submit},
 * which reads the form (multipart, or urlencoded without an attachment), checks it ({@link Submission}) and answers
 * {@code {"success":1,...}} or {@code {"success":0,"errors":[..]}} with 400. An attachment over
 * {@link #DEFAULT_MAX_FILE_BYTES} is refused with 413 and {@code "File too large (max 5MB)"} the moment its bytes
 * pass the limit ({@link BodyLimits}), before they are stored anywhere; a valid one is moved into the upload
 * directory, which the lifespan's startup creates.
 *
 * <p>The page sends the form with {@code fetch} and shows the answer in place: the errors, or a thank-you. Async
 * throughout, so it runs in either execution mode. Thread-safe.
 */
public final class App implements Application {
    /** Upstream's {@code max_file_size}. */
    public static final long DEFAULT_MAX_FILE_BYTES = 5L << 20;
    /** Room for the text fields and the multipart framing beside the largest attachment. */
    static final long FORM_OVERHEAD_BYTES = 1L << 20;

    private final long maxFileBytes;
    private final Path uploadDir;
    private final Application app;

    /** The form with every default (uploads into {@code uploads/} under the working directory, as upstream). */
    public App() {
        this(builder());
    }

    private App(Builder options) {
        this.maxFileBytes = options.maxFileBytes;
        this.uploadDir = options.uploadDir;
        FileSource page = Resources.beside(App.class, "index.html");
        Router router = Router.builder()
                .get("/", (scope, receive, send) -> FileResponse.of(page).respond(scope, send))
                .get("/index.html", (scope, receive, send) -> FileResponse.of(page).respond(scope, send))
                .post("/submit", this::submit)
                .build();
        this.app = Lifespan.wrap(router).onStartupBlocking("upload directory",
                scope -> Files.createDirectories(uploadDir));
    }

    /** @return a builder with every default; {@link Builder#build()} makes the application */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }

    private CompletionStage<Void> submit(Scope scope, Receive receive, Send send) {
        Request request = Request.of(scope, receive);
        BodyLimits limits = request.limits().withMaxFileBytes(maxFileBytes)
                .withMaxBodyBytes(maxFileBytes + FORM_OVERHEAD_BYTES);
        boolean urlencoded = request.contentType()
                .map(t -> t.type().equals("application") && t.subtype().equals("x-www-form-urlencoded"))
                .orElse(false);
        CompletionStage<Submission.Answer> answer = urlencoded
                ? request.form(limits).thenApply(form -> Submission.check(form::get, Optional.empty(), uploadDir))
                : request.multipart(limits).thenApply(form -> Submission.check(form::field,
                        form.file("attachment").filter(App::chosen), uploadDir));
        return answer.exceptionally(this::refusal)
                .thenCompose(a -> Response.json(a.body()).withStatus(a.status()).respond(scope, send));
    }

    /** A browser sends an empty part with an empty file name when no file was chosen. */
    private static boolean chosen(UploadedFile file) {
        return !(file.size() == 0 && file.rawFilename().isEmpty());
    }

    /** A form the wrappers could not read: its status, and a message a person can act on. */
    private Submission.Answer refusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof PayloadTooLargeException tooLarge) {
            // the wrappers name the limit that was passed; for the attachment's, upstream's own message
            String message = tooLarge.getMessage().endsWith("(maxFileBytes)")
                    ? "File too large (max " + size(maxFileBytes) + ")" : "Form too large: " + tooLarge.getMessage();
            return Submission.Answer.refused(413, List.of(message));
        }
        if (cause instanceof RequestException bad) {
            return Submission.Answer.refused(bad.status(), List.of(bad.getMessage()));
        }
        throw failure instanceof CompletionException c ? c : new CompletionException(cause);
    }

    /** @return {@code 5MB}, {@code 64KB} or {@code 1000 bytes}, as the page's hint writes sizes */
    static String size(long bytes) {
        if (bytes % (1 << 20) == 0) {
            return (bytes >> 20) + "MB";
        }
        return bytes % 1024 == 0 ? (bytes >> 10) + "KB" : bytes + " bytes";
    }


    /** The form's options; each setter refuses a bad value with a message naming the option. */
    public static final class Builder {
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private Path uploadDir = Path.of("uploads");

        private Builder() {
        }

        /** @param value the largest attachment, in bytes; 1 or more */
        public Builder maxFileBytes(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxFileBytes must be 1 or more, got " + value);
            }
            maxFileBytes = value;
            return this;
        }

        /** @param value where valid attachments are saved; created at startup when missing */
        public Builder uploadDir(Path value) {
            uploadDir = Objects.requireNonNull(value, "uploadDir");
            return this;
        }

        /** @return the application */
        public App build() {
            return new App(this);
        }
    }
}
