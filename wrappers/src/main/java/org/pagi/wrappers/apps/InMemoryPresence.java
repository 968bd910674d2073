package org.pagi.wrappers.apps;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link InMemoryChannel}'s presence: topic to member to info, at most {@code maxMembers} members per topic and
 * {@code maxTopics} topics with members; one more is refused with a {@link ChannelException} naming the limit. A
 * topic goes when its last member leaves. A member is one entry however often it enters: entering again replaces
 * its info, and leaving through any of its presences removes it (as a shared store keyed by member id does).
 * Nothing expires: in one process, a member's owner leaves it or the channel is closed.
 */
final class InMemoryPresence {
    private final int maxMembers;
    private final int maxTopics;
    private final Map<String, TreeMap<String, String>> topics = new HashMap<>();

    InMemoryPresence(int maxMembers, int maxTopics) {
        this.maxMembers = maxMembers;
        this.maxTopics = maxTopics;
    }

    /** @return the presence; failed naming {@code maxMembers} or {@code maxTopics} when one more is refused */
    synchronized CompletionStage<ChannelPresence> enter(String topic, String member, String info) {
        TreeMap<String, String> members = topics.get(topic);
        if (members == null) {
            if (topics.size() >= maxTopics) {
                return refuse(topic, maxTopics + " topics have members already (maxTopics)");
            }
            members = new TreeMap<>();
            topics.put(topic, members);
        } else if (!members.containsKey(member) && members.size() >= maxMembers) {
            return refuse(topic, "it has " + maxMembers + " members already (maxMembers)");
        }
        members.put(member, info);
        return CompletableFuture.completedFuture(new Presence(topic, member));
    }

    synchronized SortedMap<String, String> members(String topic) {
        TreeMap<String, String> members = topics.get(topic);
        return Collections.unmodifiableSortedMap(members == null ? new TreeMap<>() : new TreeMap<>(members));
    }

    /** Every member leaves: the channel closed, as a process that stopped. */
    synchronized void clear() {
        topics.clear();
    }

    private static CompletionStage<ChannelPresence> refuse(String topic, String why) {
        return CompletableFuture.failedFuture(new ChannelException("cannot enter '" + topic + "': " + why));
    }

    private synchronized boolean update(String topic, String member, String info) {
        TreeMap<String, String> members = topics.get(topic);
        if (members == null || !members.containsKey(member)) {
            return false;
        }
        members.put(member, info);
        return true;
    }

    private synchronized void remove(String topic, String member) {
        TreeMap<String, String> members = topics.get(topic);
        if (members != null && members.remove(member) != null && members.isEmpty()) {
            topics.remove(topic);
        }
    }

    private final class Presence implements ChannelPresence {
        private final String topic;
        private final String member;

        Presence(String topic, String member) {
            this.topic = topic;
            this.member = member;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public String member() {
            return member;
        }

        @Override
        public CompletionStage<Void> update(String info) {
            ChannelPresence.checkInfo(info);
            return InMemoryPresence.this.update(topic, member, info) ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new ChannelException("cannot update '" + member + "' in '"
                            + topic + "': it is no longer present"));
        }

        @Override
        public CompletionStage<Void> leave() {
            remove(topic, member);
            return CompletableFuture.completedFuture(null);
        }
    }
}
