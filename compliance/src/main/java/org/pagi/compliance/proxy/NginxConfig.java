package org.pagi.compliance.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The nginx configuration we recommend in front of PAGI servers (one or several instances taken in turn, a failed
 * idempotent request retried on the next one, upstream keep-alive, WebSocket upgrade headers, buffering off for SSE
 * and streamed bodies, {@code X-Forwarded-*}), filled in for one run. The template is the
 * resource {@code nginx.conf} beside this class; the part between its "recommended" markers is what
 * {@code server-jdk/README.md} shows, and a test keeps the two the same.
 */
public final class NginxConfig {
    private static final String BEGIN = "# --- recommended for a PAGI server: begin ---";
    private static final String END = "# --- recommended for a PAGI server: end ---";
    private static final String UPSTREAM = "@UPSTREAM@";

    private NginxConfig() {
    }

    /** @return the whole template, placeholders included */
    public static String template() {
        try (InputStream in = NginxConfig.class.getResourceAsStream("nginx.conf")) {
            if (in == null) {
                throw new IllegalStateException("nginx.conf is missing beside NginxConfig");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the recommended part of the template, markers excluded, placeholders included */
    public static String recommended() {
        String t = template();
        int from = t.indexOf(BEGIN);
        int to = t.indexOf(END);
        return t.substring(t.indexOf('\n', from) + 1, to).stripTrailing().stripIndent();
    }

    /**
     * @param listenPort   the loopback port nginx listens on
     * @param upstreamPort the loopback port of the PAGI server
     * @param runDir       nginx's private folder (pid, logs, temporary files)
     * @return the configuration for one run
     */
    public static String forRun(int listenPort, int upstreamPort, Path runDir) {
        return forRun(listenPort, List.of(upstreamPort), runDir);
    }

    /**
     * @param listenPort    the loopback port nginx listens on
     * @param upstreamPorts the loopback ports of the PAGI server instances, one upstream server each, at least one
     * @param runDir        nginx's private folder (pid, logs, temporary files)
     * @return the configuration for one run
     */
    public static String forRun(int listenPort, List<Integer> upstreamPorts, Path runDir) {
        return forRun("127.0.0.1:" + listenPort, upstreamPorts.stream().map(p -> "127.0.0.1:" + p).toList(),
                runDir.toAbsolutePath().toString());
    }

    /**
     * @param listen   what nginx listens on ({@code host:port} or a port)
     * @param upstream {@code host:port} of the PAGI server as nginx reaches it
     * @param runDir   nginx's private folder as nginx sees it
     * @return the configuration for one run
     */
    public static String forRun(String listen, String upstream, String runDir) {
        return forRun(listen, List.of(upstream), runDir);
    }

    /**
     * @param listen    what nginx listens on ({@code host:port} or a port)
     * @param upstreams {@code host:port} of each PAGI server instance as nginx reaches it, at least one
     * @param runDir    nginx's private folder as nginx sees it
     * @return the configuration for one run: the template's {@code @UPSTREAM@} line once per instance
     * @throws IllegalArgumentException when {@code upstreams} is empty
     */
    public static String forRun(String listen, List<String> upstreams, String runDir) {
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("upstreams must name at least one PAGI server");
        }
        String t = template();
        int at = t.indexOf("server " + UPSTREAM); // the upstream block's line, not the header comment's mention
        int from = t.lastIndexOf('\n', at) + 1;
        int to = t.indexOf('\n', at) + 1;
        String line = t.substring(from, to);
        String servers = upstreams.stream().map(u -> line.replace(UPSTREAM, u)).collect(Collectors.joining());
        return (t.substring(0, from) + servers + t.substring(to))
                .replace("@LISTEN@", listen).replace("@RUN_DIR@", runDir);
    }
}
