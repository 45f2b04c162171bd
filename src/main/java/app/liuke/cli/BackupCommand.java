package app.liuke.cli;

import app.liuke.Liuke;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Write a consistent copy of the database to FILE; safe while the service is running.")
final class BackupCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        try (Liuke liuke = config.open()) {
            try {
                long bytes = liuke.backup().writeTo(file);
                System.out.println(liuke.texts().get("backup.done", file.toAbsolutePath(), bytes));
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
