package app.liuke.conversation.script;

/** A button a step offers: its label (a text key), the answer it gives, and where it leads. */
public record ScriptButton(String label, String value, String next) {
}
