package org.pagi.examples.ssedashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.examples.ssedashboard.SseDashboardChecks.connected;
import static org.pagi.examples.ssedashboard.SseDashboardChecks.events;
import static org.pagi.examples.ssedashboard.SseDashboardChecks.json;
import static org.pagi.examples.ssedashboard.SseDashboardChecks.metrics;
import static org.pagi.examples.ssedashboard.SseDashboardChecks.reading;
import static org.pagi.examples.ssedashboard.SseDashboardChecks.resumingAfter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.ExampleSseStream;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.testing.SseMessage;
import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.ChannelHistory;
import org.pagi.wrappers.apps.ChannelListener;
import org.pagi.wrappers.apps.ChannelMessage;
import org.pagi.wrappers.apps.ChannelPayload;
import org.pagi.wrappers.apps.ChannelSubscription;

/**
 * Two instances of the dashboard in one JVM on one store, as instances behind a proxy share a Redis: a stream on
 * either shows the readings of both, each naming its instance, and a browser whose stream one instance dropped
 * resumes on the other from the channel's history. Each subclass says which store ({@link #instanceChannel()}).
 */
@Timeout(30)
abstract class SseDashboardAcrossInstancesChecks extends ExampleSessionChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    /**
     * @return the channel of one more instance: on the same store as the others', keeping the last 100 messages per
     *     topic
     */
    protected abstract Channel instanceChannel();

    private final List<App> instances = new ArrayList<>();

    /** An instance named {@code name} on {@code channel} whose readings only the test publishes. */
    private App instance(String name, Channel channel) {
        AtomicInteger taken = new AtomicInteger();
        App app = App.builder().interval(SseDashboardChecks.NEVER).reconnectDelay(SseDashboardChecks.RECONNECT)
                .instance(name).channel(channel).readings(() -> reading(taken.incrementAndGet())).build();
        instances.add(app);
        return app;
    }

    /** Stops every instance, as its server's shutdown does, before the store goes. */
    @AfterEach
    void closeInstances() {
        instances.forEach(App::close);
    }

    @Test
    void aStreamOnOneInstanceShowsTheReadingsOfEveryInstanceEachNamed() {
        App a = instance("a", instanceChannel());
        App b = instance("b", instanceChannel());
        serve(b);
        try (ExampleSseStream stream = serve(a).sse(events())) {
            connected(stream);
            String fromA = a.publishMetrics();
            String fromB = b.publishMetrics();
            String againA = a.publishMetrics();
            assertEquals(List.of(metrics("a", 1, fromA), metrics("b", 1, fromB), metrics("a", 2, againA)),
                    List.of(stream.next(), stream.next(), stream.next()));
        }
        assertTrue(!b.isTicking(), "b has no stream of its own, so it takes no readings by itself");
    }

    @Test
    void aStreamDroppedByOneInstanceResumesOnAnotherThatNeverSawWhatItMissed() {
        App a = instance("a", instanceChannel());
        ExampleSessionClient first = serve(a);
        String seen;
        try (ExampleSseStream stream = first.sse(events())) {
            connected(stream);
            seen = a.publishMetrics();
            assertEquals(metrics("a", 1, seen), stream.next());
            assertEquals(1, a.dropStreams());
            stream.awaitEnd();
        }
        String second = a.publishMetrics(); // while the browser is away
        String third = a.publishMetrics();

        App b = instance("b", instanceChannel()); // started after those readings: only the channel's history has them
        try (ExampleSseStream stream = serve(b).sse(resumingAfter(seen))) {
            assertEquals(1, connected(stream), "b's first subscriber");
            SseMessage reconnected = stream.next();
            assertEquals(Map.of("last_id", seen), json(reconnected));
            assertEquals(List.of(metrics("a", 2, second), metrics("a", 3, third)), List.of(stream.next(), stream.next()));
            String live = b.publishMetrics();
            String fromA = a.publishMetrics();
            assertEquals(List.of(metrics("b", 1, live), metrics("a", 4, fromA)), List.of(stream.next(), stream.next()),
                    "then live, from both, with nothing repeated");
        }
    }

    @Test
    void aReadingPublishedWhileTheHistoryIsReadArrivesOnce() {
        Channel store = instanceChannel();
        List<Runnable> beforeRead = new CopyOnWriteArrayList<>();
        List<Runnable> afterRead = new CopyOnWriteArrayList<>();
        Channel channel = new Channel() { // the store, with a publish racing each side of the history read
            @Override
            public CompletionStage<ChannelMessage> publish(String topic, ChannelPayload payload) {
                return store.publish(topic, payload);
            }

            @Override
            public CompletionStage<ChannelSubscription> subscribe(String topic, ChannelListener listener) {
                return store.subscribe(topic, listener);
            }

            @Override
            public int historyLength() {
                return store.historyLength();
            }

            @Override
            public CompletionStage<ChannelHistory> history(String topic, Optional<String> afterId, int limit) {
                beforeRead.forEach(Runnable::run);
                CompletionStage<ChannelHistory> read = store.history(topic, afterId, limit);
                afterRead.forEach(Runnable::run);
                return read;
            }
        };
        App a = instance("a", instanceChannel());
        App b = instance("b", channel);
        String seen = a.publishMetrics();
        String missed = a.publishMetrics();
        List<String> racing = new CopyOnWriteArrayList<>(); // the history is read on the server's side
        beforeRead.add(() -> racing.add(a.publishMetrics())); // in the history and delivered live: sent once
        afterRead.add(() -> racing.add(a.publishMetrics())); // only delivered live, held meanwhile: sent after
        try (ExampleSseStream stream = serve(b).sse(resumingAfter(seen))) {
            connected(stream);
            assertEquals("reconnected", stream.next().event());
            List<SseMessage> replayed = List.of(stream.next(), stream.next(), stream.next());
            assertEquals(List.of(metrics("a", 2, missed), metrics("a", 3, racing.get(0)), metrics("a", 4, racing.get(1))),
                    replayed);
            beforeRead.clear();
            afterRead.clear();
            String live = b.publishMetrics();
            assertEquals(metrics("b", 1, live), stream.next(), "the next event is live: nothing came twice");
        }
    }
}
