package org.pagi.wrappers.bridge;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.server.LogEscape;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.response.Response;

/**
 * One request through a CGI script: the process started with its meta-variables, the request body pumped into
 * its stdin as it arrives (each event asked for after the previous one was written, so a script that does not
 * read holds the client back), its stdout read as a header block and then streamed out piece by piece (each
 * awaited), its stderr logged, and the process tree killed at the deadline or when the client leaves.
 */
final class CgiRun {
    private static final System.Logger LOG = System.getLogger(CgiApp.class.getName());
    private static final int PIECE = 64 * 1024;
    private static final int MAX_LOGGED_LINE = 1024;

    private final CgiApp.Options options;
    private final HttpScope scope;
    private final Receive receive;
    private final Send send;
    private volatile boolean timedOut;
    private volatile boolean clientGone;

    CgiRun(CgiApp.Options options, HttpScope scope, Receive receive, Send send) {
        this.options = options;
        this.scope = scope;
        this.receive = receive;
        this.send = send;
    }

    /** Runs the request; throws only when the response was started and must be cut. */
    void run() {
        Map<String, String> env;
        try {
            env = CgiEnvironment.of(scope, options.environment(), options.passAuthorization());
        } catch (IllegalArgumentException e) {
            plain(400, "Bad Request: " + e.getMessage());
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(options.command()).directory(options.workingDirectory().toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "CGI script " + options.script() + " could not be started", e);
            plain(502, "Bad Gateway: the CGI script could not be started");
            return;
        }
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> {
            timedOut = true;
            ProcessTree.kill(process.toHandle());
        }, CompletableFuture.delayedExecutor(options.timeout().toMillis(), TimeUnit.MILLISECONDS));
        scope.connection().onDisconnect(reason -> {
            clientGone = true;
            ProcessTree.kill(process.toHandle());
        });
        Thread.ofVirtual().name("pagi-cgi-stdin").start(() -> pumpBody(process));
        Thread.ofVirtual().name("pagi-cgi-stderr").start(() -> logErrors(process.getErrorStream()));
        try (InputStream out = new BufferedInputStream(process.getInputStream(), PIECE)) {
            respond(process, out);
        } catch (IOException e) {
            throw new IllegalStateException("reading the CGI script's output failed: " + e.getMessage(), e);
        } finally {
            deadline.cancel(false);
            if (process.isAlive() || process.descendants().findAny().isPresent()) {
                ProcessTree.kill(process.toHandle());
            }
        }
    }

    private void respond(Process process, InputStream out) throws IOException {
        CgiResponseHead head;
        try {
            head = CgiResponseHead.read(out, options.maxHeaderBytes());
        } catch (CgiResponseHead.MalformedException e) {
            ProcessTree.kill(process.toHandle());
            if (timedOut) {
                timeout();
            } else if (!clientGone) {
                LOG.log(System.Logger.Level.WARNING, "CGI script {0}: malformed response header block: {1}",
                        options.script(), e.getMessage());
                plain(502, "Bad Gateway: the CGI script's response header block is malformed");
            }
            return;
        }
        Blocking.await(send.send(new HttpResponseStart(head.status(), head.headers())));
        byte[] buf = new byte[PIECE];
        int n;
        while ((n = out.read(buf)) >= 0) {
            if (n > 0) {
                Blocking.await(send.send(HttpResponseBody.chunk(Bytes.of(buf, 0, n))));
            }
        }
        if (timedOut) {
            throw new IllegalStateException("CGI script " + options.script() + " timed out after "
                    + options.timeout() + " with its response under way: the response is cut");
        }
        Blocking.await(send.send(HttpResponseBody.last(Bytes.empty())));
        waitForExit(process);
    }

    /** The script closed its stdout; it gets what is left of its time to exit, then its tree is killed. */
    private void waitForExit(Process process) {
        try {
            if (!process.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "CGI script {0} closed its output but did not exit: killed",
                        options.script());
            } else if (process.exitValue() != 0 && !timedOut && !clientGone) {
                LOG.log(System.Logger.Level.WARNING, "CGI script {0} exited with status {1}",
                        options.script(), process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void timeout() {
        LOG.log(System.Logger.Level.WARNING, "CGI script {0} timed out after {1}: killed, answered 504",
                options.script(), options.timeout());
        plain(504, "Gateway Timeout: the CGI script did not answer in time");
    }

    private void pumpBody(Process process) {
        try (OutputStream stdin = process.getOutputStream()) {
            while (true) {
                Event event = Blocking.await(receive.receive());
                if (!(event instanceof HttpRequest piece)) {
                    return; // http.disconnect: the onDisconnect callback kills the script
                }
                stdin.write(piece.body().toByteArray());
                stdin.flush();
                if (!piece.more()) {
                    return;
                }
            }
        } catch (IOException e) {
            // The script closed its stdin or exited without reading everything: the rest of the body is not wanted.
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "reading the request body for the CGI script failed", e);
        }
    }

    private void logErrors(InputStream stderr) {
        int logged = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (logged < options.stderrLines()) {
                    String shown = line.length() > MAX_LOGGED_LINE ? line.substring(0, MAX_LOGGED_LINE) + "..." : line;
                    LOG.log(System.Logger.Level.WARNING, "CGI script {0} stderr: {1}", options.script(),
                            LogEscape.escape(shown));
                } else if (logged == options.stderrLines()) {
                    LOG.log(System.Logger.Level.WARNING, "CGI script {0}: more stderr lines, not logged",
                            options.script());
                }
                logged++;
            }
        } catch (IOException e) {
            // the process is gone; nothing more to log
        }
    }

    private void plain(int status, String text) {
        Response.text(text).withStatus(status).blocking().respond(scope, send);
    }
}
