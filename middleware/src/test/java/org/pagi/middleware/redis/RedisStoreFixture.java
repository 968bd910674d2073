package org.pagi.middleware.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A Redis the store checks run against, and a way to make it stop answering without losing its data (a frozen
 * process: connections stay open, commands time out) and to make it answer again.
 */
interface RedisStoreFixture extends AutoCloseable {

    /** @return {@code redis://host:port} */
    String url();

    /** Makes Redis stop answering, data kept. */
    void freeze();

    /** Makes a frozen Redis answer again. */
    void thaw();

    @Override
    void close();

    /** @return Debian's redis-server, frozen with {@code SIGSTOP} and thawed with {@code SIGCONT} */
    static RedisStoreFixture debian() {
        LETTUCE_LOG.getName(); // initialises the level before the first connection
        RedisServerProcess server = RedisServerProcess.start();
        long pid;
        try (Redis redis = Redis.connect(server.url())) {
            String info = redis.async().info("server").get(5, TimeUnit.SECONDS);
            pid = info.lines().filter(l -> l.startsWith("process_id:")).mapToLong(l -> Long.parseLong(l.substring(
                    "process_id:".length()).strip())).findFirst().orElseThrow();
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("cannot read redis-server's pid", e);
        }
        return new RedisStoreFixture() {
            private boolean frozen;

            @Override
            public String url() {
                return server.url();
            }

            @Override
            public void freeze() {
                signal("-STOP");
                frozen = true;
            }

            @Override
            public void thaw() {
                signal("-CONT");
                frozen = false;
            }

            private void signal(String which) {
                try {
                    Process kill = new ProcessBuilder("kill", which, Long.toString(pid)).inheritIO().start();
                    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                        throw new IllegalStateException("kill " + which + " " + pid + " failed");
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("cannot run kill", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }

            @Override
            public void close() {
                if (frozen) {
                    thaw();
                }
                server.close();
            }
        };
    }

    /** @return {@code redis:7} in a container, persistence off, frozen with {@code docker pause} */
    @SuppressWarnings("resource") // stopped by the fixture's close()
    static RedisStoreFixture docker() {
        LETTUCE_LOG.getName(); // initialises the level before the first connection
        GenericContainer<?> container = new GenericContainer<>("redis:7").withExposedPorts(6379)
                .withCommand("redis-server", "--save", "", "--appendonly", "no");
        container.start();
        return new RedisStoreFixture() {
            @Override
            public String url() {
                return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
            }

            @Override
            public void freeze() {
                DockerClientFactory.instance().client().pauseContainerCmd(container.getContainerId()).exec();
            }

            @Override
            public void thaw() {
                DockerClientFactory.instance().client().unpauseContainerCmd(container.getContainerId()).exec();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    /**
     * The command timeout the checks use: short, so a frozen Redis fails requests quickly, yet well above a pause of
     * a loaded machine, which would otherwise turn a healthy command into a 503.
     */
    Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    /** The client's reconnection notices (INFO) kept out of the build output; its warnings still show. */
    java.util.logging.Logger LETTUCE_LOG = lettuceWarningsOnly();

    private static java.util.logging.Logger lettuceWarningsOnly() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.lettuce");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }
}
