package org.pagi.examples.websocketchatv2;

import org.pagi.examples.chatshowcase.ChatOptions;
import org.pagi.examples.chatshowcase.ChatShowcaseChecks;
import org.pagi.spec.Application;

/**
 * What a client of websocket-chat-v2 sees, over any transport: every check of the chat showcase, since only the
 * WebSocket handler differs and a client must not be able to tell.
 */
abstract class WebSocketChatV2Checks extends ChatShowcaseChecks {
    @Override
    protected Application chat(ChatOptions options) {
        return new App(options);
    }
}
