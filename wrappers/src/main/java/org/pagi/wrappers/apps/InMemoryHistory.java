package org.pagi.wrappers.apps;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * {@link InMemoryChannel}'s history: the last {@code length} messages of each topic, kept whether or not the topic
 * has subscribers, for at most {@code maxTopics} topics. The map is in publish order (a topic moves to the end on
 * each publish), so when one topic too many is published on, the least recently published topic's history is
 * forgotten first: topic names taken from clients cannot grow it without bound.
 *
 * <p>Records arrive under the channel's per-topic publish lock, so a topic's messages are recorded in id order;
 * this object's own lock only guards the map, held for a few steps per call.
 */
final class InMemoryHistory {
    private final int length;
    private final int maxTopics;
    private final LinkedHashMap<String, Retained> topics = new LinkedHashMap<>();

    InMemoryHistory(int length, int maxTopics) {
        this.length = length;
        this.maxTopics = maxTopics;
    }

    /** One topic's retained messages, oldest first, and whether older ones were dropped to make room. */
    private static final class Retained {
        final ArrayDeque<ChannelMessage> messages = new ArrayDeque<>();
        boolean trimmed;
    }

    synchronized void record(ChannelMessage message) {
        Retained retained = topics.remove(message.topic()); // re-inserted last: the most recently published
        if (retained == null) {
            retained = new Retained();
            if (topics.size() >= maxTopics) {
                Iterator<String> eldest = topics.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        topics.put(message.topic(), retained);
        retained.messages.addLast(message);
        if (retained.messages.size() > length) {
            retained.messages.removeFirst();
            retained.trimmed = true;
        }
    }

    /**
     * See {@link Channel#history}. With {@code afterId}: the messages after it, {@code truncated} when it is not
     * among the retained ids (trimmed, forgotten, or another channel's: then every retained message is answered,
     * since a repeat can be told by its id and a gap cannot) or when {@code limit} cut some. Without: every
     * retained message, {@code truncated} when {@code limit} cut some or older ones were trimmed.
     */
    synchronized ChannelHistory read(String topic, Optional<String> afterId, int limit) {
        Retained retained = topics.get(topic);
        if (retained == null) {
            return new ChannelHistory(List.of(), afterId.isPresent());
        }
        List<ChannelMessage> after = new ArrayList<>();
        boolean found = false;
        Iterator<ChannelMessage> newestFirst = retained.messages.descendingIterator();
        while (newestFirst.hasNext()) {
            ChannelMessage m = newestFirst.next();
            if (afterId.isPresent() && m.id().equals(afterId.get())) {
                found = true;
                break;
            }
            after.add(m);
        }
        boolean cut = after.size() > limit;
        List<ChannelMessage> latest = new ArrayList<>(after.subList(0, Math.min(limit, after.size())));
        java.util.Collections.reverse(latest);
        boolean lost = afterId.isPresent() ? !found : retained.trimmed;
        return new ChannelHistory(latest, cut || lost);
    }

    /** @return how many topics have a history now */
    synchronized int topicCount() {
        return topics.size();
    }
}
