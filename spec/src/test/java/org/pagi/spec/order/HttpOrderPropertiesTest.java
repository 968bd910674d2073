package org.pagi.spec.order;

/** The {@link EventOrderContract} laws for {@link HttpOrder}, with and without {@code fullflush}. */
class HttpOrderPropertiesTest implements EventOrderContract {

    @Override
    public EventOrder machine(boolean fullflush) {
        return new HttpOrder(fullflush);
    }

    @Override
    public String protocol() {
        return "http";
    }
}
