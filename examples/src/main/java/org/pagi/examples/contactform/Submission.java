package org.pagi.examples.contactform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.pagi.wrappers.request.UploadedFile;

/**
 * One submitted form, checked as upstream's {@code _handle_submit} checks it: name, email (with an {@code @}) and
 * message required; an attachment, when there is one, of an allowed type. A valid attachment is saved under a name
 * the server makes up, never the client's.
 */
final class Submission {
    /** The attachment types upstream allows, with the extension the saved file gets. */
    static final Map<String, String> ALLOWED_TYPES = Map.of(
            "application/pdf", "pdf",
            "image/jpeg", "jpg",
            "image/png", "png",
            "image/gif", "gif",
            "text/plain", "txt");

    private Submission() {
    }

    /**
     * @param field  the form's text fields by name
     * @param upload the {@code attachment} part, if the form had a non-empty one
     * @param dir    where a valid attachment is saved
     * @return the JSON answer's status and body
     */
    static Answer check(Function<String, Optional<String>> field, Optional<UploadedFile> upload, Path dir) {
        String name = field.apply("name").orElse("");
        String email = field.apply("email").orElse("");
        String message = field.apply("message").orElse("");
        String subject = field.apply("subject").orElse("general");
        String subscribe = field.apply("subscribe").orElse("");

        List<String> errors = new ArrayList<>();
        if (name.isEmpty()) {
            errors.add("Name is required");
        }
        if (email.isEmpty()) {
            errors.add("Email is required");
        }
        if (!email.contains("@")) {
            errors.add("Invalid email format");
        }
        if (message.isEmpty()) {
            errors.add("Message is required");
        }
        String saved = null;
        if (upload.isPresent()) {
            String type = upload.get().contentType();
            String extension = ALLOWED_TYPES.get(type);
            if (extension == null) {
                errors.add("File type not allowed: " + type);
            }
            if (errors.isEmpty()) {
                saved = System.currentTimeMillis() / 1000 + "-" + UUID.randomUUID() + "." + extension;
                upload.get().moveTo(dir.resolve(saved));
            }
        }
        if (!errors.isEmpty()) {
            return Answer.refused(400, errors);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("email", email);
        data.put("subject", subject);
        data.put("message", message.codePointCount(0, message.length()) > 100
                ? message.substring(0, message.offsetByCodePoints(0, 100)) + "..." : message);
        data.put("subscribe", subscribe.equals("yes") ? 1 : 0);
        data.put("attachment", saved);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", 1);
        body.put("message", "Thank you for your message!");
        body.put("data", data);
        return new Answer(200, body);
    }

    /** A status and a JSON body. */
    record Answer(int status, Map<String, Object> body) {
        /** @return {@code {"success":0,"errors":[..]}} with {@code status} */
        static Answer refused(int status, List<String> errors) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", 0);
            body.put("errors", List.copyOf(errors));
            return new Answer(status, body);
        }
    }
}
