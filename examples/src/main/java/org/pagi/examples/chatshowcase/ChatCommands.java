package org.pagi.examples.chatshowcase;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat's slash commands, typed as chat text: {@code /help}, {@code /rooms}, {@code /users},
 * {@code /join <room>}, {@code /leave}, {@code /pm <user> <message>}, {@code /nick <name>}, {@code /me <action>};
 * anything else starting with {@code /word} is answered "Unknown command". Called by {@link ChatProtocol} with the
 * state held.
 */
final class ChatCommands {
    /** Upstream's {@code ^/(\w+)(?:\s+(.*))?$}. */
    private static final Pattern COMMAND = Pattern.compile("^/(\\w+)(?:\\s+(.*))?$");
    private static final Pattern PM = Pattern.compile("^(\\S+)\\s+(.+)$");
    static final String HELP = """
            Available commands:
            /help - Show this help
            /rooms - List all rooms
            /users - List users in current room
            /join <room> - Join or create a room
            /leave - Leave current room
            /pm <user> <message> - Send private message
            /nick <name> - Change your nickname
            /me <action> - Send action message""";

    private final ChatProtocol protocol;
    private final ChatState state;

    ChatCommands(ChatProtocol protocol, ChatState state) {
        this.protocol = protocol;
        this.state = state;
    }

    /** @return whether {@code text} was a command (then it has been carried out or refused) */
    boolean run(ChatSession session, String room, String text, Outbox out) {
        Matcher command = COMMAND.matcher(text);
        if (!command.matches()) {
            return false;
        }
        String name = command.group(1);
        String args = command.group(2) == null ? "" : command.group(2);
        Matcher pm = PM.matcher(args);
        boolean hasArgs = !args.isEmpty();
        if (name.equals("help")) {
            out.to(session, Fields.of("type", "system", "room", room, "text", HELP));
        } else if (name.equals("rooms")) {
            roomList(session, out);
        } else if (name.equals("users")) {
            userList(session, room, out);
        } else if (name.equals("join") && hasArgs) {
            protocol.join(session, ChatState.sanitizeRoomName(args), out);
        } else if (name.equals("leave")) {
            protocol.leave(session, room, out);
        } else if (name.equals("pm") && pm.matches()) {
            protocol.privateMessage(session, pm.group(1), pm.group(2), out);
        } else if (name.equals("nick") && hasArgs) {
            protocol.nick(session, args, out);
        } else if (name.equals("me") && hasArgs) {
            action(session, room, args, out);
        } else {
            out.to(session, ChatProtocol.error("Unknown command: /" + name + ". Type /help for available commands."));
        }
        return true;
    }

    private void action(ChatSession session, String room, String args, Outbox out) {
        String text = "* " + session.name + " " + args;
        var stored = state.addMessage(room, session.name, text, "action");
        out.toAll(state.connectedMembers(room, null), Fields.of("type", "action", "room", room,
                "from", session.name, "text", text, "ts", stored.get("ts"), "id", stored.get("id")));
    }

    void roomList(ChatSession session, Outbox out) {
        out.to(session, Fields.of("type", "room_list", "rooms", state.rooms().stream()
                .map(r -> Fields.of("name", r.name, "users", r.members.size())).toList()));
    }

    void userList(ChatSession session, String room, Outbox out) {
        out.to(session, Fields.of("type", "user_list", "room", room,
                "users", room == null ? List.of() : state.roomUsers(room)));
    }
}
