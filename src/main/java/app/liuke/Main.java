package app.liuke;

import app.liuke.cli.Cli;

/** {@code java -jar liuke.jar [COMMAND]}: see {@link Cli}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = Cli.run(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
