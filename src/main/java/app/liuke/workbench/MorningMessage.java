package app.liuke.workbench;

import app.liuke.channel.ChatRef;

/** A reminder or digest worked out ahead of the write: who gets it, the text, and its outbox key (once per person and day). */
public record MorningMessage(ChatRef chat, String text, String key) {
}
