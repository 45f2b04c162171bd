package app.liuke.cli;

import app.liuke.config.ConfigException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line. With no command it serves, as {@code serve} would. */
@Command(name = "liuke", mixinStandardHelpOptions = true, version = "Liuke 留客 0.1",
        description = "Liuke 留客: keeps a shop's customers.",
        subcommands = {ServeCommand.class, ImportCommand.class, ExportCommand.class, ClassifyCommand.class,
                BackupCommand.class, CheckCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--demo", description = "use a sample shop in its own database file (admin token: demo)")
    boolean demo;

    @Override
    public Integer call() throws InterruptedException {
        return ServeCommand.serve(config.load(), demo);
    }

    public static int run(String... args) {
        var commandLine = new CommandLine(new Cli());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ConfigException config) {
                System.err.println("The configuration has problems; nothing was started:");
                config.errors().forEach(error -> System.err.println("  " + error));
                return 2;
            }
            throw e;
        });
        return commandLine.execute(args);
    }
}
