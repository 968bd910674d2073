package org.pagi.jmh.peers;

/**
 * The command line every peer server takes: {@code --port N} (0 picks a free port), {@code --host H} (default
 * 127.0.0.1: load tests stay on loopback) and {@code --threads N} (the Netty peer's worker threads; default 1,
 * right for a server pinned to one core).
 *
 * @param host    the address to bind
 * @param port    the port to bind
 * @param threads how many I/O threads to use, where the server lets us choose
 */
record PeerArgs(String host, int port, int threads) {
    static final String USAGE = "usage: --port N [--host 127.0.0.1] [--threads 1]";

    /** Checks the values, naming the bad one. */
    PeerArgs {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0 to 65535, got " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be 1 or more, got " + threads);
        }
    }

    /** @return the parsed arguments; {@code --port} is required */
    static PeerArgs parse(String... args) {
        String host = "127.0.0.1";
        Integer port = null;
        int threads = 1;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--host" -> host = value;
                case "--port" -> port = number(name, value);
                case "--threads" -> threads = number(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
            }
        }
        if (port == null) {
            throw new IllegalArgumentException("--port is required; " + USAGE);
        }
        return new PeerArgs(host, port, threads);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, got " + value, e);
        }
    }
}
