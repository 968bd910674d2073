package org.pagi.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.server.ExecutionMode;
import org.pagi.server.LifespanMode;
import org.pagi.server.ServerConfig;

class CommandLineTest {
    private static Command.Serve serve(String... args) throws UsageException {
        return assertInstanceOf(Command.Serve.class, CommandLine.parse(args));
    }

    private static ServerConfig config(String... options) throws UsageException {
        String[] args = new String[options.length + 2];
        args[0] = "--app";
        args[1] = "com.example.App";
        System.arraycopy(options, 0, args, 2, options.length);
        return serve(args).config();
    }

    private static String failure(String... args) {
        return assertThrows(UsageException.class, () -> CommandLine.parse(args)).getMessage();
    }

    @Nested
    class Defaults {
        @Test
        void anAppAloneGivesTheDefaultSettings() throws UsageException {
            Command.Serve s = serve("--app", "com.example.App");
            assertEquals("com.example.App", s.app());
            assertEquals(ServerConfig.builder().build(), s.config());
            assertFalse(s.quiet());
        }

        @Test
        void helpAndVersionWinWhereverTheyAre() throws UsageException {
            assertInstanceOf(Command.Help.class, CommandLine.parse("--port", "abc", "--help"));
            assertInstanceOf(Command.Help.class, CommandLine.parse("-h"));
            assertInstanceOf(Command.Version.class, CommandLine.parse("--bogus", "--version"));
        }
    }

    @Nested
    class Settings {
        @Test
        void setsTheListenAddress() throws UsageException {
            ServerConfig c = config("--host", "0.0.0.0", "--port", "8080", "--backlog", "128", "--loops", "3");
            assertEquals("0.0.0.0", c.host());
            assertEquals(8080, c.port());
            assertEquals(128, c.backlog());
            assertEquals(3, c.loops());
        }

        @Test
        void acceptsValuesAfterAnEqualsSign() throws UsageException {
            assertEquals(9000, config("--port=9000").port());
            assertEquals("", config("--server-header=").serverHeader());
        }

        @Test
        void setsAUnixSocket() throws UsageException {
            assertEquals(Optional.of(Path.of("/tmp/pagi.sock")),
                    config("--unix-socket", "/tmp/pagi.sock").unixSocket());
        }

        @Test
        void setsModeAndLifespanInAnyCase() throws UsageException {
            ServerConfig c = config("--mode", "Event-Loop", "--lifespan", "OFF");
            assertEquals(ExecutionMode.EVENT_LOOP, c.executionMode());
            assertEquals(LifespanMode.OFF, c.lifespan());
            assertEquals(ExecutionMode.VIRTUAL_THREADS, config("--mode", "virtual-threads").executionMode());
        }

        @Test
        void readsTimeoutsInSecondsWithFractions() throws UsageException {
            ServerConfig c = config("--keepalive-timeout", "2", "--header-timeout", "0.5", "--body-timeout", "60",
                    "--shutdown-grace", "0");
            assertEquals(Duration.ofSeconds(2), c.keepAliveTimeout());
            assertEquals(Duration.ofMillis(500), c.headerTimeout());
            assertEquals(Duration.ofSeconds(60), c.bodyTimeout());
            assertEquals(Duration.ZERO, c.shutdownGrace());
        }

        @Test
        void setsTheSlowClientLimits() throws UsageException {
            ServerConfig c = config("--min-body-rate", "0", "--min-body-rate-grace", "2.5", "--write-timeout", "7");
            assertEquals(0, c.minBodyRate());
            assertEquals(Duration.ofMillis(2500), c.minBodyRateGrace());
            assertEquals(Duration.ofSeconds(7), c.writeTimeout());
            assertEquals(4096, config("--min-body-rate", "4096").minBodyRate());
        }

        @Test
        void setsEveryParserLimit() throws UsageException {
            ServerConfig c = config("--max-request-line", "1000", "--max-header-bytes", "2000", "--max-headers", "30",
                    "--max-body-size", "0");
            assertEquals(new Http1Limits(1000, 2000, 30, 0, Http1Limits.DEFAULT_MAX_CHUNK_LINE_BYTES), c.limits());
        }

        @Test
        void setsTheAccessLog() throws UsageException {
            assertFalse(config("--no-access-log").accessLog());
            assertTrue(config("--no-access-log", "--access-log").accessLog());
            assertEquals("%h %s", config("--access-log-format", "%h %s").accessLogFormat());
        }

        @Test
        void setsProxyHeadersAndTrustedPeers() throws UsageException {
            ServerConfig c = config("--proxy-headers", "--forwarded-allow-ips", "10.0.0.0/8, 192.168.1.1,::1");
            assertTrue(c.proxyHeaders());
            assertEquals(List.of("10.0.0.0/8", "192.168.1.1", "::1"), c.forwardedAllowIps());
            assertEquals(List.of(), config("--forwarded-allow-ips", "").forwardedAllowIps());
        }

        @Test
        void setsRootPathAndServerHeader() throws UsageException {
            ServerConfig c = config("--root-path", "/api", "--server-header", "my server");
            assertEquals("/api", c.rootPath());
            assertEquals("my server", c.serverHeader());
        }

        @Test
        void setsQuiet() throws UsageException {
            assertTrue(serve("-q", "--app", "A").quiet());
            assertTrue(serve("--quiet", "--app", "A").quiet());
        }

        @Test
        void letsTheLastOfARepeatedOptionWin() throws UsageException {
            assertEquals(2, config("--port", "1", "--port", "2").port());
        }
    }

    @Nested
    class BadCommandLines {
        @ParameterizedTest(name = "{0} {1}")
        @CsvSource(delimiter = '|', value = {
            "--port|abc|--port: expected an integer 0-65535, got 'abc'",
            "--port|65536|--port: expected an integer 0-65535, got '65536'",
            "--port|-1|--port: expected an integer 0-65535, got '-1'",
            "--loops|0|--loops: expected an integer 1-1024, got '0'",
            "--backlog|0|--backlog: expected an integer 1 or more, got '0'",
            "--max-body-size|-5|--max-body-size: expected an integer 0 or more, got '-5'",
            "--max-headers|99999999999|--max-headers: expected an integer 1 or more, got '99999999999'",
            "--keepalive-timeout|0|--keepalive-timeout: expected a number of seconds greater than 0, got '0'",
            "--body-timeout|5s|--body-timeout: expected a number of seconds greater than 0, got '5s'",
            "--shutdown-grace|-1|--shutdown-grace: expected a number of seconds 0 or more, got '-1'",
            "--min-body-rate|-1|--min-body-rate: expected an integer 0 or more, got '-1'",
            "--min-body-rate-grace|0|--min-body-rate-grace: expected a number of seconds greater than 0, got '0'",
            "--write-timeout|0|--write-timeout: expected a number of seconds greater than 0, got '0'",
            "--mode|threads|--mode: expected one of virtual-threads, event-loop, got 'threads'",
            "--lifespan|maybe|--lifespan: expected one of auto, on, off, got 'maybe'",
            "--root-path|api/|--root-path: expected empty or a path starting with / and not ending with /, got 'api/'",
            "--host|''|--host: expected a host name or IP address, got ''",
        })
        void namesTheOptionAndTheBadValue(String option, String value, String message) {
            assertEquals(message, failure("--app", "A", option, value));
        }

        @Test
        void rejectsAnUnknownOption() {
            assertEquals("--prot: unknown option (see --help)", failure("--app", "A", "--prot", "80"));
        }

        @Test
        void rejectsAMissingValue() {
            assertEquals("--port: expected a value (PORT)", failure("--app", "A", "--port"));
        }

        @Test
        void rejectsAValueOnAFlag() {
            assertEquals("--quiet: takes no value", failure("--app", "A", "--quiet=yes"));
        }

        @Test
        void rejectsAStrayArgument() {
            assertEquals("unexpected argument 'App.java' (give the application with --app; see --help)",
                    failure("App.java"));
        }

        @Test
        void requiresAnApp() {
            assertEquals("--app: required: a class name, a .java file or a .jar (see --help)", failure("--port", "1"));
        }

        @Test
        void checksTheAccessLogFormatAtOnce() {
            String m = failure("--app", "A", "--access-log-format", "%h %Q");
            assertTrue(m.startsWith("--access-log-format: access log placeholder '%Q'"), m);
        }

        @Test
        void checksTrustedProxiesAtOnce() {
            assertEquals("--forwarded-allow-ips: trusted proxy entry 'proxy.local' is not an IP address, a CIDR range"
                    + " or *",
                    failure("--app", "A", "--forwarded-allow-ips", "10.0.0.1,proxy.local"));
        }

        @Test
        void keepsAMessageOnOneLineWhateverWasTyped() {
            assertEquals("--port: expected an integer 0-65535, got '1\\x0a2'", failure("--app", "A", "--port", "1\n2"));
        }

        @Test
        void rejectsANonPrintableServerHeader() {
            assertEquals("--server-header: expected printable ASCII text, got 'a\\x09b'",
                    failure("--app", "A", "--server-header", "a\tb"));
        }
    }

    @Nested
    class Help {
        private final String help = CommandLine.help();

        @ParameterizedTest
        @ValueSource(strings = {"--app", "--host", "--port", "--unix-socket", "--backlog", "--loops", "--mode",
            "--keepalive-timeout", "--header-timeout", "--body-timeout", "--min-body-rate", "--min-body-rate-grace",
            "--write-timeout", "--shutdown-grace", "--max-request-line",
            "--max-header-bytes", "--max-headers", "--max-body-size", "--lifespan", "--access-log",
            "--no-access-log", "--access-log-format", "--proxy-headers", "--forwarded-allow-ips", "--root-path",
            "--server-header", "--quiet", "--help", "--version"})
        void documentsEveryOption(String option) {
            assertTrue(Pattern.compile("(?m)^  .*" + Pattern.quote(option) + "\\b").matcher(help).find(), option);
        }

        @Test
        void showsTheDefaultsOfServerConfig() {
            assertTrue(help.contains("[127.0.0.1]"), help);
            assertTrue(help.contains("[5000]"), help);
            assertTrue(help.contains("[" + Http1Limits.DEFAULT_MAX_BODY_BYTES + "]"), help);
            assertTrue(help.contains("[virtual-threads]"), help);
            assertTrue(help.contains("[127.0.0.1,::1]"), help);
            assertTrue(help.contains("[common]"), help);
        }

        @Test
        void keepsEveryLineWithinOneHundredColumns() {
            Matcher m = Pattern.compile("(?m)^.*$").matcher(help);
            while (m.find()) {
                assertTrue(m.group().length() <= 100, m.group());
            }
        }
    }
}
