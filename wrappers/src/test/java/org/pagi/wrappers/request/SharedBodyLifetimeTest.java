package org.pagi.wrappers.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.wrappers.HttpScopes;

/**
 * How long a request's shared body state lives in the registry: until the request completes or the client
 * disconnects, and, for a connection state that never reports either, until the connection is collected.
 */
@Timeout(30)
class SharedBodyLifetimeTest {

    private static final Receive BODY = () -> CompletableFuture.completedFuture(
            new HttpRequest(Bytes.utf8("payload"), false));


    @Test
    void aCompletedRequestLeavesNothingBehind() {
        ConnectionTracker connection = new ConnectionTracker();
        HttpScope scope = HttpScopes.of("POST", connection);
        Request first = Request.of(scope, BODY);
        assertEquals("payload", first.body().toCompletableFuture().join().utf8());
        assertTrue(SharedBody.isTracked(connection));
        assertSame(SharedBody.of(scope, BODY), SharedBody.of(scope, BODY));

        connection.markResponseComplete();

        assertFalse(SharedBody.isTracked(connection));
        // A Request made before the end still replays what was read.
        assertEquals("payload", first.body().toCompletableFuture().join().utf8());
    }

    @Test
    void aSubstitutedReceiveGetsABodyStateOfItsOwnThatEndsWithTheRequest() {
        ConnectionTracker connection = new ConnectionTracker();
        HttpScope scope = HttpScopes.of("POST", connection);
        Receive substituted = () -> CompletableFuture.completedFuture(new HttpRequest(Bytes.utf8("other"), false));
        SharedBody original = SharedBody.of(scope, BODY);
        SharedBody own = SharedBody.of(scope, substituted);
        assertNotSame(original, own);
        assertSame(own, SharedBody.of(scope, substituted));
        assertSame(original, SharedBody.of(scope, BODY));
        assertEquals("other", Request.of(scope, substituted).body().toCompletableFuture().join().utf8());

        connection.markResponseComplete();

        assertFalse(SharedBody.isTracked(connection));
    }

    @Test
    void aDisconnectEndsItToo() {
        ConnectionTracker connection = new ConnectionTracker();
        Request.of(HttpScopes.of("POST", connection), BODY);
        assertTrue(SharedBody.isTracked(connection));

        connection.disconnect(DisconnectReason.CLIENT_CLOSED);

        assertFalse(SharedBody.isTracked(connection));
    }

    @Test
    void aRequestMadeAfterTheEndIsNotKept() {
        ConnectionTracker connection = new ConnectionTracker();
        connection.markResponseComplete();
        Request.of(HttpScopes.of("POST", connection), BODY);
        assertFalse(SharedBody.isTracked(connection));
    }

    @Test
    void anEntryWhoseConnectionNeverReportsGoesWithTheConnection() {
        WeakReference<ConnectionTracker> gone = requestThatNeverEnds();
        // Collected connections are dropped by the next look-up; waits (bounded by the timeout) for the collector.
        while (gone.get() != null || SharedBody.holdsCollected()) {
            System.gc();
            Request.of(HttpScopes.of("POST", new ConnectionTracker()), BODY);
            Thread.onSpinWait();
        }
        assertFalse(SharedBody.holdsCollected());
    }

    @Test
    void anUploadOfAConnectionThatNeverReportsIsDeletedWhenTheConnectionIsCollected(@TempDir Path tempDir)
            throws Exception {
        WeakReference<ConnectionTracker> gone = uploadThatNeverEnds(tempDir);
        // The Cleaner runs on its own thread once the collector found the connection unreachable.
        while (gone.get() != null || !list(tempDir).isEmpty()) {
            System.gc();
            Thread.onSpinWait();
        }
        assertEquals(List.of(), list(tempDir));
    }

    private static WeakReference<ConnectionTracker> uploadThatNeverEnds(Path tempDir) throws Exception {
        ConnectionTracker connection = new ConnectionTracker();
        String body = "--b0\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(4096) + "\r\n--b0--\r\n";
        Receive upload = () -> CompletableFuture.completedFuture(new HttpRequest(Bytes.utf8(body), false));
        HttpScope scope = HttpScopes.of("POST", connection,
                Headers.of("content-type", "multipart/form-data; boundary=b0"));
        BodyLimits limits = BodyLimits.DEFAULTS.withTempDir(tempDir).withSpillThresholdBytes(1024);
        MultipartForm form = Request.of(scope, upload).multipart(limits).toCompletableFuture().join();
        assertTrue(form.file("doc").isPresent());
        assertEquals(1, list(tempDir).size(), "the upload was spilled to a temp file");
        return new WeakReference<>(connection);
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static WeakReference<ConnectionTracker> requestThatNeverEnds() {
        ConnectionTracker connection = new ConnectionTracker();
        Request.of(HttpScopes.of("POST", connection), BODY).body().toCompletableFuture().join();
        assertTrue(SharedBody.isTracked(connection));
        return new WeakReference<>(connection);
    }
}
