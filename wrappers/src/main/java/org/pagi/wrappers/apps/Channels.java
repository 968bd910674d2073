package org.pagi.wrappers.apps;

import java.net.URI;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Chooses a {@link Channel} by URL: {@code memory:} in this process, or a store's scheme ({@code redis://host:6379}).
 *
 * <p>{@code memory:} takes one optional parameter, {@code history}: {@code memory:?history=1000} keeps the last
 * 1,000 messages per topic ({@link InMemoryChannel.Builder#history}), so that configuration chooses the history
 * for either kind of channel. Any other parameter is refused by name.
 */
public final class Channels {
    private Channels() {
    }

    /**
     * @param url {@code memory:} (an {@link InMemoryChannel}; {@code memory:?history=N} with a history) or a URL
     *            whose scheme a {@link ChannelProvider} on the class path opens
     * @return the open channel
     * @throws IllegalArgumentException naming the URL when it is malformed, a {@code memory:} parameter is unknown
     *     or out of range, or no provider knows its scheme
     * @throws ChannelException naming the address when the store cannot be reached
     */
    public static Channel open(String url) {
        java.util.Objects.requireNonNull(url, "url");
        int colon = url.indexOf(':');
        if (colon > 0 && url.substring(0, colon).equalsIgnoreCase("memory")) {
            return memory(url, url.substring(colon + 1)); // "memory:" alone is no valid URI: parsed here
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("channel URL '" + url + "' is malformed: " + e.getReason(), e);
        }
        if (uri.getScheme() == null) {
            throw new IllegalArgumentException("channel URL '" + url + "' has no scheme: use memory: or a store's"
                    + " URL such as redis://host:6379");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        for (ChannelProvider provider : ServiceLoader.load(ChannelProvider.class)) {
            if (provider.scheme().equals(scheme)) {
                return provider.open(uri);
            }
        }
        throw new IllegalArgumentException("channel URL '" + url + "': no channel for scheme '" + scheme
                + "' (memory: is built in; redis:// needs the middleware module and io.lettuce:lettuce-core)");
    }

    /** {@code memory:}, {@code memory://}, each optionally followed by {@code ?history=N}. */
    private static InMemoryChannel memory(String url, String rest) {
        String path = rest.startsWith("//") ? rest.substring(2) : rest;
        int question = path.indexOf('?');
        if (!(question < 0 ? path : path.substring(0, question)).isEmpty()) {
            throw new IllegalArgumentException("channel URL '" + url + "' is malformed: memory: takes no host or"
                    + " path, only ?history=N");
        }
        InMemoryChannel.Builder builder = InMemoryChannel.builder();
        String query = question < 0 ? "" : path.substring(question + 1);
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            String value = eq < 0 ? "" : parameter.substring(eq + 1);
            if (!name.equals("history")) {
                throw new IllegalArgumentException("channel URL '" + url + "': unknown parameter '" + name
                        + "' (memory: takes history=N)");
            }
            try {
                builder.history(Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("channel URL '" + url + "': history must be a whole number,"
                        + " got '" + value + "'", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("channel URL '" + url + "': " + e.getMessage(), e);
            }
        }
        return builder.build();
    }
}
