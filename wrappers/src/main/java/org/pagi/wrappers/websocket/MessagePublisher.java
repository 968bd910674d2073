package org.pagi.wrappers.websocket;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link WebSocket#messages()}: one subscriber, pulled by demand. A receive is made only while demand is
 * positive, one at a time; the subscriber's signals never overlap. A receive still pending at the cancel is
 * handed over, so a later {@link WebSocket#receive()} gets its message (see {@code Inbox.abandon}).
 */
final class MessagePublisher implements Flow.Publisher<Message> {
    private final WebSocket socket;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    MessagePublisher(WebSocket socket) {
        this.socket = socket;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Message> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("this WebSocket's messages are already subscribed to"));
            return;
        }
        Pull pull = new Pull(subscriber);
        subscriber.onSubscribe(pull);
    }

    private final class Pull implements Flow.Subscription {
        private final Flow.Subscriber<? super Message> subscriber;
        // Guarded by this.
        private long demand;
        private boolean pulling;
        private boolean done;
        private boolean handedOver;   // the receive pending at cancel belongs to the inbox now

        Pull(Flow.Subscriber<? super Message> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                if (done) {
                    return;
                }
                if (n <= 0) {
                    done = true;
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n; // saturate at "unbounded"
                }
            }
            if (n <= 0) {
                subscriber.onError(new IllegalArgumentException("request(n) needs n > 0, got " + n
                        + " (Reactive Streams rule 3.9)"));
                return;
            }
            drain();
        }

        @Override
        public synchronized void cancel() {
            if (!done) {
                done = true;
                // Lock order Pull -> Inbox; the inbox completes receives outside its lock, so no cycle.
                handedOver = socket.abandonReceive();
            }
        }

        /** Pulls while there is demand; one receive at a time, looping instead of recursing on ready stages. */
        private void drain() {
            synchronized (this) {
                if (pulling || done || demand == 0) {
                    return;
                }
                pulling = true;
            }
            Loop.whileTrue(() -> socket.receive().thenApply(this::deliver))
                    .whenComplete((v, failure) -> {
                        if (failure != null) {
                            finish();
                            subscriber.onError(failure);
                        }
                    });
        }

        /** @return whether to receive again */
        private boolean deliver(Received received) {
            synchronized (this) {
                if (done) {
                    pulling = false;
                    if (!handedOver) {
                        socket.putBack(received);   // taken after the cancel's hand-over: keep it for receive()
                    }
                    return false;
                }
            }
            switch (received) {
                case Message m -> subscriber.onNext(m);
                case Closed c -> {
                    finish();
                    subscriber.onComplete();
                    return false;
                }
            }
            synchronized (this) {
                demand = demand == Long.MAX_VALUE ? demand : demand - 1;
                if (done || demand == 0) {
                    pulling = false;
                    return false;
                }
                return true;
            }
        }

        private synchronized void finish() {
            done = true;
            pulling = false;
        }
    }
}
