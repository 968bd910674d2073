package org.pagi.examples.websocketchatv2;

import org.pagi.examples.chatshowcase.ChatAcrossInstancesTest;
import org.pagi.examples.chatshowcase.ChatOptions;
import org.pagi.spec.Application;
import org.pagi.wrappers.apps.Channel;

/** websocket-chat-v2 as two instances on one in-memory channel: every cross-instance check of the showcase. */
class WebSocketChatV2AcrossInstancesTest extends ChatAcrossInstancesTest {
    @Override
    protected Application chat(ChatOptions options, Channel channel) {
        return new App(options, channel);
    }
}
