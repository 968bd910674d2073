package org.pagi.wrappers.apps;

import java.net.URI;

/**
 * Opens a {@link Channel} from a URL, so that an application chooses its channel by configuration
 * ({@link Channels#open}): {@code memory:} is built in; a module with a remote store (the middleware module's Redis
 * channel for {@code redis://}) registers a provider in {@code META-INF/services/org.pagi.wrappers.apps.ChannelProvider}.
 */
public interface ChannelProvider {
    /** @return the URL scheme this provider opens, lower case ({@code redis}) */
    String scheme();

    /**
     * @param url a URL with this provider's scheme
     * @return an open channel, connected to its store
     * @throws ChannelException naming the address when the store cannot be reached
     * @throws IllegalArgumentException naming what is wrong with the URL
     */
    Channel open(URI url);
}
