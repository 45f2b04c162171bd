package app.liuke.cli;

import app.liuke.Liuke;
import app.liuke.customer.Money;
import app.liuke.report.Dimension;
import app.liuke.report.Period;
import app.liuke.report.ReportCsv;
import app.liuke.report.SalesRow;
import app.liuke.report.Summary;
import app.liuke.shared.InvalidInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"The shop's figures over a period: the summary (sales, registration and repurchase rates, new",
                "customers, follow-ups, CSAT, NPS) and sales broken down by day, month, year, store, group, staff or product.",
                "Examples:  report   report --from 2026-03-01 --to 2026-03-31 --by group   report --by product --csv p.csv"})
final class ReportCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--from", description = "first day, e.g. 2026-03-01 (default: the first of the month of --to)")
    String from;

    @Option(names = "--to", description = "last day (default: today)")
    String to;

    @Option(names = "--by", description = "day (default), month, year, store, group, staff or product")
    String by;

    @Option(names = "--csv", description = "also write the breakdown to this CSV file (UTF-8 for Excel)")
    Path csv;

    @Override
    public Integer call() {
        try (Liuke liuke = config.open()) {
            try {
                var reports = liuke.reports();
                Period period = Period.parse(from, to, LocalDate.now(liuke.clock().withZone(reports.zone())));
                Dimension dimension = Dimension.parse(by);
                Summary summary = liuke.database().read(handle -> reports.summary(handle, period, liuke.clock().instant()));
                List<SalesRow> rows = liuke.database().read(handle -> reports.sales(handle, period, dimension));
                print(summary, dimension, rows);
                if (csv != null) {
                    Files.writeString(csv, ReportCsv.sales(dimension, rows), StandardCharsets.UTF_8);
                    System.out.println("Wrote " + rows.size() + " rows to " + csv);
                }
                return 0;
            } catch (InvalidInput e) {
                System.err.println(liuke.texts().explain(e));
                return 2;
            } catch (IOException e) {
                System.err.println("Could not write " + csv + ": " + e.getMessage());
                return 2;
            }
        }
    }

    private static void print(Summary summary, Dimension by, List<SalesRow> rows) {
        var sales = summary.sales();
        System.out.printf("%s to %s: sales %s in %d purchases by %d customers; registration rate %s, repurchase rate %s%n",
                summary.from(), summary.to(), Money.format(sales.salesCents()), sales.purchases(), sales.customers(),
                SalesRow.percent(sales.registrationRate()), SalesRow.percent(sales.repurchaseRate()));
        System.out.printf("new customers %d, follow-ups %d, CSAT %s (%d answers), NPS %s (%d answers)%n%n", summary.newCustomers(),
                summary.followUps(), summary.csat() == null ? "-" : summary.csat(), summary.csatAnswers(),
                summary.nps() == null ? "-" : summary.nps(), summary.npsAnswers());
        System.out.printf("%-14s%10s%14s%10s%9s%14s%10s%11s%n", by.id(), "purchases", "sales", "customers", "on file",
                "registration", "repeaters", "repurchase");
        for (SalesRow row : rows) {
            System.out.printf("%-14s%10d%14s%10d%9d%14s%10d%11s%n", row.key().isEmpty() ? "-" : row.key(), row.purchases(),
                    Money.format(row.salesCents()), row.customers(), row.onFile(), SalesRow.percent(row.registrationRate()),
                    row.repeatCustomers(), SalesRow.percent(row.repurchaseRate()));
        }
    }

}
