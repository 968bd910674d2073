package org.pagi.middleware.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.pagi.wrappers.apps.ChannelException;
import org.pagi.wrappers.apps.ChannelListener;
import org.pagi.wrappers.apps.ChannelMessage;
import org.pagi.wrappers.apps.ChannelSubscription;

/**
 * One listener's subscription on a {@link RedisChannel}: a queue filled by Lettuce's event loop and drained by one
 * virtual thread at a time, so the listener sees its messages in order, one call at a time, and a slow listener
 * never holds the event loop. More than {@code maxQueued} undelivered messages end the subscription (the listener
 * fell behind); a listener that throws ends it too, both through {@link ChannelListener#onFailure}, which is called
 * on the same queue, after the last message.
 */
final class RedisChannelSubscription implements ChannelSubscription {
    private static final System.Logger LOG = System.getLogger(RedisChannel.class.getName());

    private final String name;
    private final Pattern glob;
    private final ChannelListener listener;
    private final RedisChannelSubscriptions owner;
    private final int maxQueued;
    private final Executor deliveries;
    private final ConcurrentLinkedQueue<ChannelMessage> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile Throwable failure;
    private volatile boolean failureDelivered;
    /** Set once, when joining, before any delivery. */
    volatile RedisChannelSubscriptions.Feed feed;

    RedisChannelSubscription(String name, boolean pattern, ChannelListener listener, RedisChannelSubscriptions owner,
            int maxQueued, Executor deliveries) {
        this.name = name;
        this.glob = pattern && name.indexOf('?') >= 0 ? globRegex(name) : null;
        this.listener = listener;
        this.owner = owner;
        this.maxQueued = maxQueued;
        this.deliveries = deliveries;
    }

    @Override
    public String topic() {
        return name;
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public CompletionStage<Void> close() {
        if (open.compareAndSet(true, false)) {
            owner.leave(this);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Called on Lettuce's event loop: queues the message and makes sure a drain runs. */
    void enqueue(ChannelMessage message) {
        if (!open.get() || (glob != null && !glob.matcher(message.topic()).matches())) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            fail(new ChannelException("the subscription to '" + name + "' fell behind: " + maxQueued
                    + " messages were waiting for its listener (maxQueued)"));
            return;
        }
        queue.add(message);
        schedule();
    }

    /** Ends the subscription and tells the listener, after any message being delivered; at most once. */
    void fail(Throwable cause) {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        failure = cause;
        owner.leave(this);
        schedule();
    }

    /** Ends a subscription whose opening failed: its caller is told through the stage, not the listener. */
    void dropSilently() {
        open.set(false);
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            deliveries.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            ChannelMessage message;
            while ((message = queue.poll()) != null) {
                queued.decrementAndGet();
                if (open.get()) {
                    deliver(message);
                }
            }
            if (!open.get()) {
                deliverFailure();
            }
            draining.set(false);
            boolean more = !queue.isEmpty() || (failure != null && !failureDelivered);
            if (!more || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void deliver(ChannelMessage message) {
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void deliverFailure() {
        Throwable cause = failure;
        if (cause == null || failureDelivered) {
            return;
        }
        failureDelivered = true;
        queue.clear();
        try {
            listener.onFailure(cause);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a channel listener on '" + name + "' failed in onFailure", e);
        }
    }

    /** @return the channel glob ({@code *} any run, {@code ?} one character, the rest literal) as a regex */
    static Pattern globRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
