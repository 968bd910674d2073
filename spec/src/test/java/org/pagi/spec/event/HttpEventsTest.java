package org.pagi.spec.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/** The records of an {@code http} scope, one nested group per record. */
class HttpEventsTest {

    @Nested
    class Request {
        @Test
        void hasTheSpecType() {
            assertEquals("http.request", HttpRequest.last(Bytes.empty()).type());
        }

        @Test
        void lastHasNoMoreToFollow() {
            assertFalse(HttpRequest.last(Bytes.ascii("x")).more());
        }

        @Test
        void comparesByBodyContent() {
            assertEquals(new HttpRequest(Bytes.ascii("a"), true), new HttpRequest(Bytes.of(new byte[] {'a'}), true));
        }

        @Test
        void rejectsANullBody() {
            assertThrows(NullPointerException.class, () -> new HttpRequest(null, false));
        }
    }

    @Nested
    class Disconnect {
        @Test
        void hasTheSpecType() {
            assertEquals("http.disconnect", new HttpDisconnect().type());
        }
    }

    @Nested
    class ResponseStart {
        @Test
        void hasTheSpecType() {
            assertEquals("http.response.start", new HttpResponseStart(200, Headers.empty()).type());
        }

        @ParameterizedTest
        @ValueSource(ints = {100, 200, 599})
        void acceptsStatusesFrom100To599(int status) {
            assertEquals(status, new HttpResponseStart(status, Headers.empty()).status());
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 0, 99, 600, 999})
        void rejectsStatusesOutsideTheRange(int status) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new HttpResponseStart(status, Headers.empty()));
            assertEquals("http.response.start: status must be 100-599, got " + status, e.getMessage());
        }

        @Test
        void declaresNoTrailersByDefault() {
            assertFalse(new HttpResponseStart(200, Headers.empty()).trailers());
            assertTrue(new HttpResponseStart(200, Headers.empty(), true).trailers());
        }

        @Test
        void comparesWholeEventsByValue() {
            assertEquals(new HttpResponseStart(200, Headers.of("a", "1")), new HttpResponseStart(200, Headers.of("A", "1")));
        }
    }

    @Nested
    class ResponseBody {
        @Test
        void everyBodyFormHasTheSameSpecType() {
            assertEquals("http.response.body", HttpResponseBody.last(Bytes.empty()).type());
            assertEquals("http.response.body", HttpResponseFile.of(Path.of("/f")).type());
            assertEquals("http.response.body",
                    new HttpResponseChannel(new EmptyChannel(), 0, OptionalLong.empty()).type());
        }

        @Test
        void chunkHasMoreAndLastDoesNot() {
            assertTrue(HttpResponseBody.chunk(Bytes.ascii("a")).more());
            assertFalse(HttpResponseBody.last(Bytes.ascii("a")).more());
        }

        @Test
        void comparesByBodyContent() {
            assertEquals(HttpResponseBody.last(Bytes.utf8("ok")), HttpResponseBody.last(Bytes.ascii("ok")));
        }
    }

    @Nested
    class ResponseFile {
        @Test
        void ofSendsTheWholeFileAndIsFinal() {
            HttpResponseFile f = HttpResponseFile.of(Path.of("/srv/a.txt"));
            assertEquals(0, f.offset());
            assertEquals(OptionalLong.empty(), f.length());
            assertFalse(f.more());
        }

        @Test
        void rejectsARelativePath() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HttpResponseFile.of(Path.of("a.txt")));
            assertEquals("http.response.body: file must be an absolute path, got a.txt", e.getMessage());
        }

        @Test
        void rejectsANegativeOffset() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new HttpResponseFile(Path.of("/a"), -1, OptionalLong.empty()));
            assertEquals("http.response.body: offset must be 0 or more, got -1", e.getMessage());
        }

        @Test
        void rejectsANegativeLength() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new HttpResponseFile(Path.of("/a"), 0, OptionalLong.of(-5)));
            assertEquals("http.response.body: length must be 0 or more, got -5", e.getMessage());
        }

        @Test
        void acceptsAZeroLengthAndAnOffsetPastTheEnd() {
            HttpResponseFile f = new HttpResponseFile(Path.of("/a"), Long.MAX_VALUE, OptionalLong.of(0));
            assertEquals(Long.MAX_VALUE, f.offset());
        }
    }

    @Nested
    class ResponseChannel {
        @Test
        void isFinal() {
            assertFalse(new HttpResponseChannel(new EmptyChannel(), 10, OptionalLong.of(5)).more());
        }

        @Test
        void rejectsANegativeOffsetOrLength() {
            assertThrows(IllegalArgumentException.class,
                    () -> new HttpResponseChannel(new EmptyChannel(), -1, OptionalLong.empty()));
            assertThrows(IllegalArgumentException.class,
                    () -> new HttpResponseChannel(new EmptyChannel(), 0, OptionalLong.of(-1)));
        }

        @Test
        void rejectsANullChannel() {
            assertThrows(NullPointerException.class, () -> new HttpResponseChannel(null, 0, OptionalLong.empty()));
        }
    }

    @Nested
    class Trailers {
        @Test
        void hasTheSpecType() {
            assertEquals("http.response.trailers", new HttpResponseTrailers(Headers.empty()).type());
        }

        @Test
        void rejectsNullHeaders() {
            assertThrows(NullPointerException.class, () -> new HttpResponseTrailers(null));
        }
    }

    @Nested
    class FullFlush {
        @Test
        void hasTheSpecType() {
            assertEquals("http.fullflush", new HttpFullFlush().type());
        }
    }
}
