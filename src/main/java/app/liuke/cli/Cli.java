package app.liuke.cli;

import app.liuke.config.ConfigException;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line. With no command it serves, as {@code serve} would. */
@Command(name = "liuke", mixinStandardHelpOptions = true, version = "Liuke 留客 0.1",
        description = "Liuke 留客: keeps a shop's customers.",
        subcommands = {ServeCommand.class, ImportCommand.class, ExportCommand.class, ClassifyCommand.class, CampaignCommand.class,
                ReportCommand.class,
                BackupCommand.class, CheckCommand.class, WechatCommand.class, MigrateStoreCommand.class, SimulateCommand.class,
                CommandLine.HelpCommand.class})
public final class Cli implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--demo", description = "use a sample shop in its own database file (admin token: demo)")
    boolean demo;

    @Override
    public Integer call() throws InterruptedException {
        return ServeCommand.serve(config.load(), demo);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    public static int run(String... args) {
        var commandLine = new CommandLine(new Cli());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ConfigException config) {
                System.err.println("The configuration has problems; nothing was started:");
                config.errors().forEach(error -> System.err.println("  " + error));
                return 2;
            }
            LoggerFactory.getLogger(Cli.class).debug("command failed", e);
            System.err.println("Liuke could not finish this command: " + rootMessage(e));
            System.err.println("Nothing was half-written: every change runs in a transaction. Try again, or see the log.");
            return 1;
        });
        return commandLine.execute(args);
    }
}
