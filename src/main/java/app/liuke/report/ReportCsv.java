package app.liuke.report;

import app.liuke.customer.Money;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Reports as CSV for Excel: UTF-8 with a byte-order mark (so a Chinese Windows Excel reads it right),
 * amounts in yuan, rates as fractions (0.8500).
 */
public final class ReportCsv {
    private static final String BOM = "\uFEFF";

    private ReportCsv() {
    }

    public static String sales(Dimension by, List<SalesRow> rows) {
        return write(new String[]{by.id(), "purchases", "sales_yuan", "customers", "on_file", "registration_rate",
                "repeat_customers", "repurchase_rate"}, printer -> {
            for (SalesRow row : rows) {
                printer.printRecord(row.key(), row.purchases(), Money.format(row.salesCents()), row.customers(), row.onFile(),
                        rate(row.registrationRate()), row.repeatCustomers(), rate(row.repurchaseRate()));
            }
        });
    }

    public static String service(Dimension by, List<ServiceRow> rows) {
        return write(new String[]{by.id(), "csat_answers", "csat", "nps_answers", "nps", "reactivations", "came_back",
                "reactivation_rate"}, printer -> {
            for (ServiceRow row : rows) {
                printer.printRecord(row.key(), row.csatAnswers(), orBlank(row.csat()), row.npsAnswers(), orBlank(row.nps()),
                        orBlank(row.reactivations()), orBlank(row.cameBack()), rate(row.reactivationRate()));
            }
        });
    }

    private static Object orBlank(Object figure) {
        return figure == null ? "" : figure;
    }

    public static String registrations(List<RegistrationRow> rows) {
        return write(new String[]{"month", "group", "registered", "quota", "share"}, printer -> {
            for (RegistrationRow row : rows) {
                printer.printRecord(row.month(), row.group(), row.registered(), row.quota(), rate(row.share()));
            }
        });
    }

    private static String rate(Double rate) {
        return rate == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", rate);
    }

    private interface Body {
        void print(CSVPrinter printer) throws IOException;
    }

    private static String write(String[] header, Body body) {
        var out = new StringWriter();
        try (var printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header).get())) {
            body.print(printer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return BOM + out;
    }
}
