package org.pagi.examples.ssedashboard;

import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.InMemoryChannel;

/**
 * The dashboard's cross-instance checks with both instances in this JVM on one {@link InMemoryChannel} (the last
 * 100 messages per topic): what a Redis shares between processes, one object shares between "instances".
 */
class SseDashboardAcrossInstancesTest extends SseDashboardAcrossInstancesChecks {
    private final InMemoryChannel shared = InMemoryChannel.builder().history(100).build();

    @Override
    protected Channel instanceChannel() {
        return shared;
    }
}
