package org.pagi.middleware.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pagi.wrappers.apps.ChannelException;
import org.pagi.wrappers.apps.ChannelMessage;
import org.pagi.wrappers.apps.ChannelPresence;

/**
 * The presence of {@link RedisChannel}: per topic a sorted set member → expiry time (Redis's clock, ms) and a hash
 * member → info. This process renews its own members every third of the ttl from one daemon thread; a member whose
 * process died is dropped by the next {@link #members} after its expiry. A renewal that fails (Redis down) is
 * retried at the next tick, which also restores the members of a Redis that restarted empty.
 */
final class RedisChannelPresence {
    private static final System.Logger LOG = System.getLogger(RedisChannel.class.getName());

    private final Redis redis;
    private final String prefix;
    private final Executor callers;
    private final long ttlMillis;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewer;
    private final AtomicBoolean renewalFailing = new AtomicBoolean();

    private record Key(String topic, String member) {
    }

    RedisChannelPresence(Redis redis, String prefix, Duration ttl, Executor callers) {
        this.redis = redis;
        this.prefix = prefix;
        this.callers = callers;
        this.ttlMillis = ttl.toMillis();
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pagi-redis-presence");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, ttlMillis / 3);
        renewer.scheduleAtFixedRate(this::renewAll, period, period, TimeUnit.MILLISECONDS);
    }

    CompletionStage<ChannelPresence> enter(String topic, String member, String info) {
        ChannelMessage.checkTopic(topic);
        ChannelPresence.checkMember(member);
        ChannelPresence.checkInfo(info);
        Entry entry = new Entry(new Key(topic, member), info);
        return settle("cannot enter '" + member + "' in '" + topic + "'", set(entry).thenApply(ok -> {
            Entry previous = entries.put(entry.key, entry);
            if (previous != null) {
                previous.left = true; // the same member entered again: the newer presence owns the entry
            }
            return entry;
        }));
    }

    CompletionStage<SortedMap<String, String>> members(String topic) {
        ChannelMessage.checkTopic(topic);
        return settle("cannot list the members of '" + topic + "'",
                RedisChannelScript.PRESENCE_MEMBERS.<List<Object>>run(redis, keys(topic)).thenApply(flat -> {
            SortedMap<String, String> members = new TreeMap<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                members.put((String) flat.get(i), (String) flat.get(i + 1));
            }
            return members;
        }));
    }

    private <T> CompletionStage<T> settle(String what, CompletionStage<T> stage) {
        return RedisChannel.settle(what, redis.address(), stage, callers);
    }

    /** Stops the renewals and removes this process's members, waiting at most {@code wait} for Redis. */
    void close(Duration wait) {
        renewer.shutdownNow();
        List<CompletableFuture<?>> leaving = new ArrayList<>();
        for (Entry entry : List.copyOf(entries.values())) {
            leaving.add(entry.leave().toCompletableFuture().exceptionally(e -> null));
        }
        try {
            CompletableFuture.allOf(leaving.toArray(CompletableFuture[]::new)).get(wait.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception expiresInstead) {
            // what is not removed now expires after the ttl
        }
    }

    private void renewAll() {
        for (Entry entry : entries.values()) {
            set(entry).whenComplete((ok, failure) -> {
                if (failure == null) {
                    if (renewalFailing.compareAndSet(true, false)) {
                        LOG.log(System.Logger.Level.INFO, "presence renewals in Redis at " + redis.address()
                                + " work again");
                    }
                } else if (renewalFailing.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.WARNING, "cannot renew presence in Redis at " + redis.address()
                            + " (" + Redis.rootMessage(failure) + "); retrying every " + Math.max(1, ttlMillis / 3)
                            + " ms");
                }
            });
        }
    }

    /** Writes the entry, unless it has left; synchronized so a renewal cannot be issued after its leave. */
    private CompletionStage<Long> set(Entry entry) {
        synchronized (entry) {
            if (entry.left) {
                return CompletableFuture.completedFuture(0L);
            }
            return RedisChannelScript.PRESENCE_SET.run(redis, keys(entry.key.topic()), entry.key.member(), entry.info,
                    Long.toString(ttlMillis));
        }
    }

    private String[] keys(String topic) {
        return new String[] {prefix + "presence:" + topic, prefix + "presence-info:" + topic};
    }

    private final class Entry implements ChannelPresence {
        private final Key key;
        private volatile String info;
        private volatile boolean left;

        Entry(Key key, String info) {
            this.key = key;
            this.info = info;
        }

        @Override
        public String topic() {
            return key.topic();
        }

        @Override
        public String member() {
            return key.member();
        }

        @Override
        public CompletionStage<Void> update(String newInfo) {
            ChannelPresence.checkInfo(newInfo);
            if (left) {
                return CompletableFuture.failedFuture(new ChannelException("cannot update '" + key.member()
                        + "' in '" + key.topic() + "': it has left"));
            }
            info = newInfo;
            return settle("cannot update '" + key.member() + "' in '" + key.topic() + "'",
                    set(this).thenApply(ok -> null));
        }

        @Override
        public CompletionStage<Void> leave() {
            synchronized (this) {
                if (left) {
                    return CompletableFuture.completedFuture(null);
                }
                left = true;
                entries.remove(key, this);
                return settle("cannot remove '" + key.member() + "' from '" + key.topic() + "'",
                        RedisChannelScript.PRESENCE_LEAVE.<Long>run(redis, keys(key.topic()), key.member())
                                .thenApply(ok -> null));
            }
        }
    }
}
