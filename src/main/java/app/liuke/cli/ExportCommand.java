package app.liuke.cli;

import app.liuke.Liuke;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export every customer to a CSV file (UTF-8 with BOM, opens in Excel; re-importable).")
final class ExportCommand implements Callable<Integer> {
    enum Kind { customers }

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", description = "customers")
    Kind kind;

    @Parameters(index = "1", paramLabel = "FILE.csv")
    Path file;

    @Override
    public Integer call() throws Exception {
        try (Liuke liuke = config.open()) {
            long count = liuke.customerExport().run(file);
            System.out.println(liuke.texts().get("export.done", count, file));
            return 0;
        }
    }
}
