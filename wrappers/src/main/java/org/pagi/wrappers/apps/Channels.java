package org.pagi.wrappers.apps;

import java.net.URI;
import java.util.Locale;
import java.util.ServiceLoader;

/** Chooses a {@link Channel} by URL: {@code memory:} in this process, or a store's scheme ({@code redis://host:6379}). */
public final class Channels {
    private Channels() {
    }

    /**
     * @param url {@code memory:} (an {@link InMemoryChannel}) or a URL whose scheme a {@link ChannelProvider} on the
     *            class path opens
     * @return the open channel
     * @throws IllegalArgumentException naming the URL when it is malformed or no provider knows its scheme
     * @throws ChannelException naming the address when the store cannot be reached
     */
    public static Channel open(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("channel URL '" + url + "' is malformed: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("memory")) {
            return InMemoryChannel.create();
        }
        for (ChannelProvider provider : ServiceLoader.load(ChannelProvider.class)) {
            if (provider.scheme().equals(scheme)) {
                return provider.open(uri);
            }
        }
        throw new IllegalArgumentException("channel URL '" + url + "': no channel for scheme '" + scheme
                + "' (memory: is built in; redis:// needs the middleware module and io.lettuce:lettuce-core)");
    }
}
