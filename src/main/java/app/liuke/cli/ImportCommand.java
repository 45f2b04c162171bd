package app.liuke.cli;

import app.liuke.Liuke;
import app.liuke.customer.csv.ImportReport;
import app.liuke.shared.InvalidInput;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import customers or purchases from a CSV file (UTF-8 with or without BOM, or GBK).",
                "Bad rows are listed with their line number; good rows are kept. Importing twice changes nothing.",
                "Exit code: 0 all rows fine, 1 some rows had errors, 2 the file could not be read."})
final class ImportCommand implements Callable<Integer> {
    enum Kind { customers, purchases }

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", description = "customers or purchases")
    Kind kind;

    @Parameters(index = "1", paramLabel = "FILE.csv")
    Path file;

    @Option(names = "--encoding", paramLabel = "CHARSET", description = "force the encoding (default: detect UTF-8 or GBK)")
    Charset encoding;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            System.err.println("No such file: " + file);
            return 2;
        }
        try (Liuke liuke = config.open()) {
            ImportReport report;
            try {
                var progress = Terminal.progressBar(System.out);
                report = kind == Kind.customers
                        ? liuke.customerImport().run(file, encoding, progress)
                        : liuke.purchaseImport().run(file, encoding, progress);
            } catch (InvalidInput e) {
                System.err.println(liuke.texts().explain(e));
                return 2;
            }
            report.notes().forEach(System.out::println);
            report.errors().forEach(error -> System.out.println(liuke.texts().get("import.badRow", error.line(), error.reason())));
            System.out.println(kind == Kind.customers
                    ? liuke.texts().get("import.summary", report.rows(), report.count("created"), report.count("updated"),
                    report.count("merged"), report.count("unchanged"), report.errors().size())
                    : liuke.texts().get("import.summaryPurchases", report.rows(), report.count("recorded"),
                    report.count("already on file"), report.errors().size()));
            return report.errors().isEmpty() ? 0 : 1;
        }
    }
}
