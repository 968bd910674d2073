package org.pagi.examples.websocketchatv2;

import org.pagi.examples.chatshowcase.ChatOptions;
import org.pagi.examples.chatshowcase.ChatShowcaseBrowserTest;
import org.pagi.spec.Application;
import org.pagi.wrappers.apps.Channel;

/**
 * The chat page in headless Chromium, served by websocket-chat-v2 on a real server: every browser check of the
 * showcase (two tabs, a message typed in one shown in the other, join and leave shown, the SSE stats), since the
 * page is the same and only the WebSocket handler differs. Screenshot {@code websocket-chat-v2.png}.
 */
class WebSocketChatV2BrowserTest extends ChatShowcaseBrowserTest {
    @Override
    protected Application chat(ChatOptions options) {
        return new App(options);
    }

    @Override
    protected Application chat(ChatOptions options, Channel channel) {
        return new App(options, channel);
    }

    @Override
    protected String screenshotName() {
        return "websocket-chat-v2";
    }
}
