package org.pagi.jmh.load;

/**
 * The text of one message of {@link BroadcastLoad}: {@code "<seq> <sendNanos> "} padded with {@code x} to the
 * size asked for. The send time is {@link System#nanoTime()} of the JVM that runs the publisher and the
 * subscribers (the same JVM, so the clocks are one), taken just before the publisher hands the message to its
 * WebSocket.
 *
 * @param seq       the message's number within the run, from 0
 * @param sendNanos when the publisher sent it
 */
record BroadcastMessage(int seq, long sendNanos) {
    /** The longest head ({@code seq}, send time, two spaces): messages are at least this long. */
    static final int MAX_HEAD = 10 + 1 + 20 + 1;

    /** @return the text, at least {@code size} characters (ASCII, so as many bytes) */
    String text(int size) {
        StringBuilder b = new StringBuilder(Math.max(size, MAX_HEAD)).append(seq).append(' ').append(sendNanos)
                .append(' ');
        while (b.length() < size) {
            b.append('x');
        }
        return b.toString();
    }

    /**
     * @return the message {@code text} carries
     * @throws IllegalArgumentException when it is not one this program sent
     */
    static BroadcastMessage parse(CharSequence text) {
        int first = indexOf(text, 0);
        int second = first < 0 ? -1 : indexOf(text, first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("not a benchmark message: '" + abbreviate(text) + "'");
        }
        try {
            return new BroadcastMessage(Integer.parseInt(text, 0, first, 10),
                    Long.parseLong(text, first + 1, second, 10));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a benchmark message: '" + abbreviate(text) + "'", e);
        }
    }

    private static int indexOf(CharSequence text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(CharSequence text) {
        return text.length() <= 40 ? text.toString() : text.subSequence(0, 40) + "...";
    }
}
