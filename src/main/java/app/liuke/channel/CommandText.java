package app.liuke.channel;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a command out of message text: {@code /sale@LiukeBot 8866 1280} is command "sale" with
 * args "8866 1280". A command addressed to another bot ({@code /start@OtherBot}) is plain text.
 * Parsed here rather than by the platform library, which (in TelegramBots 10.2) only recognises
 * commands after its entities were read.
 */
public final class CommandText {
    private static final Pattern COMMAND = Pattern.compile("^[/／]([A-Za-z][A-Za-z0-9_]{0,31})(?:@([A-Za-z0-9_]{1,64}))?(?:\\s+([\\s\\S]*))?$");

    private CommandText() {
    }

    public static Inbound parse(ChatRef chat, Person from, String text, String botUsername) {
        var matcher = COMMAND.matcher(text.strip());
        if (!matcher.matches()) {
            return new Inbound.Text(chat, from, text);
        }
        String addressee = matcher.group(2);
        if (addressee != null && botUsername != null && !addressee.equalsIgnoreCase(botUsername)) {
            return new Inbound.Text(chat, from, text);
        }
        String args = matcher.group(3) == null ? "" : matcher.group(3).strip();
        return new Inbound.Command(chat, from, matcher.group(1).toLowerCase(Locale.ROOT), args);
    }
}
