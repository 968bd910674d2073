package org.pagi.wrappers.request;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Map;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.http.DecodeMode;
import org.pagi.wrappers.http.QueryParams;
import org.pagi.wrappers.http.TooManyParametersException;

/** Turns a whole body into what {@link Request#textStrict()} and {@link Request#form()} return. */
final class BodyDecoding {

    private BodyDecoding() {
    }

    /** {@code bytes} in {@code cs}; malformed input fails with 400 naming the byte offset. */
    static String strict(Bytes bytes, Charset cs) {
        CharsetDecoder decoder = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes.toByteArray());
        CharBuffer out = CharBuffer.allocate((int) (bytes.length() * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new BadRequestException("request body is not valid " + cs.name() + " at byte offset "
                    + in.position());
        }
        return out.flip().toString();
    }

    /** Url-encoded fields under the field-count and field-size limits (413 naming the one crossed). */
    static QueryParams formFields(Bytes b, BodyLimits limits) {
        QueryParams fields;
        try {
            fields = QueryParams.parse(b, DecodeMode.REPLACE, limits.maxFields());
        } catch (TooManyParametersException e) {
            throw new PayloadTooLargeException("form has more than " + limits.maxFields() + " fields", e);
        }
        for (Map.Entry<String, String> f : fields.pairs()) {
            if (Bytes.utf8(f.getValue()).length() > limits.maxFieldBytes()) {
                throw new PayloadTooLargeException("form field '" + f.getKey() + "' exceeds "
                        + limits.maxFieldBytes() + " bytes");
            }
        }
        return fields;
    }
}
