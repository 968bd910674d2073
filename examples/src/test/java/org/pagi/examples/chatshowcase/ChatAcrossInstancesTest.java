package org.pagi.examples.chatshowcase;

import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.InMemoryChannel;

/**
 * The cross-instance checks with both instances in this JVM on one {@link InMemoryChannel} (presence, the last
 * 100 messages per topic): what a Redis shares between processes, one object shares between "instances".
 */
public class ChatAcrossInstancesTest extends ChatAcrossInstancesChecks {
    private final InMemoryChannel shared = InMemoryChannel.builder().history(100).build();

    @Override
    protected Channel instanceChannel() {
        return shared;
    }
}
