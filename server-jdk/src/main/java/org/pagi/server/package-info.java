/**
 * The server: {@link org.pagi.server.PagiServer} (start, stop, bound address), its settings
 * {@link org.pagi.server.ServerConfig}, and {@code Main}, the {@code bin/pagi-server} launcher. Start at
 * {@code PagiServer}.
 */
package org.pagi.server;
