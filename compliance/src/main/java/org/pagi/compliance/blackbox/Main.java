package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The wire suite's command line:
 *
 * <pre>
 * java -jar compliance/target/pagi-compliance.jar --url http://127.0.0.1:PORT
 *     [--category http|websocket|sse|tls|robust]... [--report FILE] [--label NAME] [--timeout SECONDS]
 *     [--via-proxy] [--insecure | --trust-store FILE] [--list]
 * </pre>
 *
 * <p>An {@code https} URL runs every case over TLS, and the TLS category with them; the server's certificate is
 * accepted whatever it is ({@code --insecure}, the default) unless {@code --trust-store} names the certificates it
 * must chain to. With an {@code http} URL the TLS category is left out (a {@code note:} says so) unless
 * {@code --category tls} asks for it, when its cases fail.
 *
 * It prints a line per case and a closing line {@code N passed, M failed}; exits 0 when every case passed, 1 when
 * one failed, 2 for a bad command line. The server must run the conformance application's contract
 * ({@code bin/pagi-server --app org.pagi.compliance.ConformanceApp} for ours).
 */
public final class Main {
    private Main() {
    }

    /** Runs the suite; see the class comment. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String url = null;
        Set<Category> categories = EnumSet.noneOf(Category.class);
        Path report = null;
        String label = "server under test";
        Duration timeout = Duration.ofSeconds(5);
        boolean list = false;
        boolean viaProxy = false;
        boolean insecure = false;
        Path trustStore = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--url" -> url = value(args, ++i, a);
                    case "--category" -> categories.add(Category.of(value(args, ++i, a)));
                    case "--report" -> report = Path.of(value(args, ++i, a));
                    case "--label" -> label = value(args, ++i, a);
                    case "--timeout" -> timeout = Duration.ofMillis((long) (Double.parseDouble(value(args, ++i, a)) * 1000));
                    case "--list" -> list = true;
                    case "--via-proxy" -> viaProxy = true;
                    case "--insecure" -> insecure = true;
                    case "--trust-store" -> trustStore = Path.of(value(args, ++i, a));
                    case "--help", "-h" -> {
                        out.println(usage());
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            if (insecure && trustStore != null) {
                throw new IllegalArgumentException("--insecure and --trust-store exclude each other");
            }
            boolean allCategories = categories.isEmpty();
            if (allCategories) {
                categories = EnumSet.allOf(Category.class);
            }
            WireSuite suite = viaProxy ? WireSuite.all().viaProxy() : WireSuite.all();
            if (list) {
                for (WireCase c : suite.cases(categories)) {
                    out.println(c.id() + "  [" + c.rule() + "]");
                }
                return 0;
            }
            if (url == null) {
                throw new IllegalArgumentException("--url is required");
            }
            Target target = Target.parse(url, timeout);
            if (trustStore != null) {
                if (!target.secure()) {
                    throw new IllegalArgumentException("--trust-store needs an https:// URL");
                }
                target = target.withTrustStore(trustStore);
                TlsClient.context(target.trustStore()); // reads it now: a bad file is a bad command line
            }
            if (allCategories && !target.secure()) {
                categories.remove(Category.TLS);
                out.println("note: tls: the target is http; TLS cases need an https URL");
            }
            for (Category c : categories) {
                if (suite.cases(Set.of(c)).isEmpty()) {
                    out.println("note: no " + c.label() + " cases yet");
                }
            }
            Instant started = Instant.now();
            List<CaseResult> results = suite.run(target, categories, r -> out.println(r.line()));
            out.println(Report.summary(results));
            if (report != null) {
                Files.writeString(report, Report.markdown(label, target, results, started), StandardCharsets.UTF_8);
            }
            return results.stream().allMatch(CaseResult::passed) ? 0 : 1;
        } catch (IllegalArgumentException e) {
            err.println("pagi-compliance: " + e.getMessage());
            err.println(usage());
            return 2;
        } catch (IOException e) {
            err.println("pagi-compliance: cannot write the report: " + e.getMessage());
            return 2;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static String usage() {
        return """
                usage: java -jar pagi-compliance.jar --url http://HOST:PORT [options]
                  --url URL           the server, running the conformance application's contract; with
                                      https://HOST:PORT every case runs over TLS, and the tls cases too
                  --category NAME     http, websocket, sse, tls or robust; repeat for several (default: all)
                  --report FILE       also write a Markdown report
                  --label NAME        what the report calls the server (default: server under test)
                  --timeout SECONDS   the longest wait for one answer (default: 5)
                  --via-proxy         the URL is a reverse proxy: leave out the cases that check the origin only
                  --insecure          accept any server certificate (the default: the suite checks protocol,
                                      not trust)
                  --trust-store FILE  instead, require a certificate chaining to those in FILE (PEM or DER),
                                      issued for the URL's host
                  --list              print the cases and their rules, run nothing""";
    }
}
