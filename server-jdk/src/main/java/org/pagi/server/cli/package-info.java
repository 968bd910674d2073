/**
 * The {@code pagi-server} launcher's parts, kept out of {@link org.pagi.server.Main} so each can be tested
 * without starting a server: {@link org.pagi.server.cli.CommandLine} (options to a {@code ServerConfig}, and the
 * help), {@link org.pagi.server.cli.AppLoader} (a class name, {@code .java} file or jar to an application; a file is
 * compiled in memory by {@code SourceCompiler}) and
 * {@link org.pagi.server.cli.Banner}; {@code TlsOptions} gathers the {@code --ssl-*} options. Imports the JDK
 * ({@code javax.tools} for {@code .java} apps), the spec, and the settings types of {@code org.pagi.server} and
 * {@code org.pagi.server.tls}; never a transport, never {@code javax.net.ssl}. Start reading at {@code CommandLine}.
 */
package org.pagi.server.cli;
