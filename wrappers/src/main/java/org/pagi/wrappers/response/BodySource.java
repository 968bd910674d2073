package org.pagi.wrappers.response;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseFile;

/** Where the bytes of a ranged representation come from; {@link RangedSender} asks it for byte ranges. */
sealed interface BodySource {

    /** @return the representation's length in bytes */
    long length();

    /**
     * Sends bytes {@code offset .. offset + count - 1}.
     *
     * @param last whether they end the response
     * @return completes when the server took the last of them
     */
    CompletionStage<Void> send(Send send, long offset, long count, boolean last);

    /** A body already in memory. */
    record InMemory(Bytes bytes) implements BodySource {
        @Override
        public long length() {
            return bytes.length();
        }

        @Override
        public CompletionStage<Void> send(Send send, long offset, long count, boolean last) {
            return send.send(new HttpResponseBody(bytes.slice((int) offset, (int) (offset + count)), !last));
        }
    }

    /**
     * A file, never read whole: the last range goes as the file form of {@code http.response.body} (the server
     * streams it) unless {@code fileEvents} is off; other ranges, and every range without it, go as chunks read
     * here (a file event always ends the response, so a multipart body cannot use it for its parts).
     */
    record File(Path path, long length, boolean fileEvents) implements BodySource {
        @Override
        public CompletionStage<Void> send(Send send, long offset, long count, boolean last) {
            if (last && fileEvents) {
                return send.send(new HttpResponseFile(path, offset, OptionalLong.of(count)));
            }
            return FileChunks.send(send, path, offset, count, last);
        }
    }

    /** A resource read through its stream, 64 KiB at a time ({@link StreamChunks}): a range skips to its start. */
    record Stream(FileSource.Opener opener, long length) implements BodySource {
        @Override
        public CompletionStage<Void> send(Send send, long offset, long count, boolean last) {
            return StreamChunks.send(send, opener, offset, count, last);
        }
    }
}
