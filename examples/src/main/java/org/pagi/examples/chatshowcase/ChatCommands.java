package org.pagi.examples.chatshowcase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
    private final ChatRelay relay;

    ChatCommands(ChatProtocol protocol, ChatState state, ChatRelay relay) {
        this.protocol = protocol;
        this.state = state;
        this.relay = relay;
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
        protocol.say(session, room, "action", "* " + session.name + " " + args, out);
    }

    /** Sends the rooms this instance knows, with how many users each has on every instance. */
    void roomList(ChatSession session, Outbox out) {
        List<String> names = state.rooms().stream().map(r -> r.name).toList();
        List<CompletableFuture<Integer>> counts = names.stream()
                .map(name -> relay.count(name).toCompletableFuture()).toList();
        out.after(CompletableFuture.allOf(counts.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            List<Map<String, Object>> rooms = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                rooms.add(Fields.of("name", names.get(i), "users", counts.get(i).join()));
            }
            return protocol.reply(session, Fields.of("type", "room_list", "rooms", rooms));
        }));
    }

    /** Sends the users of {@code room} on every instance. */
    void userList(ChatSession session, String room, Outbox out) {
        CompletionStage<List<Map<String, Object>>> users = room == null
                ? CompletableFuture.completedFuture(List.of()) : relay.users(room);
        out.after(users.thenCompose(list -> protocol.reply(session, Fields.of("type", "user_list", "room", room,
                "users", list))));
    }

}
