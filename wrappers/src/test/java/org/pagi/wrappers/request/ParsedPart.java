package org.pagi.wrappers.request;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pagi.spec.Bytes;

/** A part as {@link MultipartParser} produced it, data joined; {@link #parse} runs a parser over pieces. */
record ParsedPart(String name, Optional<String> filename, Optional<String> contentType, Bytes data) {

    /** Feeds every piece, then finishes; fails with the parser's exception. */
    static List<ParsedPart> parse(String boundary, List<Bytes> pieces) {
        MultipartParser parser = new MultipartParser(boundary, MultipartParser.DEFAULT_MAX_HEADER_BYTES);
        List<ParsedPart> parts = new ArrayList<>();
        MultipartEvent.PartStart head = null;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        boolean ended = false;
        for (Bytes piece : pieces) {
            for (MultipartEvent event : parser.feed(piece)) {
                if (ended) {
                    throw new AssertionError("event after End: " + event);
                }
                switch (event) {
                    case MultipartEvent.PartStart s -> {
                        head = s;
                        data.reset();
                    }
                    case MultipartEvent.Data d -> {
                        if (d.bytes().isEmpty()) {
                            throw new AssertionError("empty data event");
                        }
                        data.writeBytes(d.bytes().toByteArray());
                    }
                    case MultipartEvent.PartEnd e -> parts.add(new ParsedPart(head.name(), head.filename(),
                            head.contentType(), Bytes.of(data.toByteArray())));
                    case MultipartEvent.End e -> ended = true;
                }
            }
        }
        parser.finish();
        return parts;
    }
}
