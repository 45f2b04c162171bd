package app.liuke.simulate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code --log FILE.csv}: every message of the year, one row each, with the columns
 * {@code customer, tier, sent_at, campaign, purpose, opted_out_at} (the tier at send time, times in the
 * shop's zone as ISO-8601 with their offset; campaign and opted_out_at empty when there is none).
 */
public final class SendLog {
    private SendLog() {
    }

    public static void write(List<Send> log, Path file, ZoneId zone) throws IOException {
        var format = CSVFormat.DEFAULT.builder().setHeader("customer", "tier", "sent_at", "campaign", "purpose", "opted_out_at").get();
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8); var csv = new CSVPrinter(writer, format)) {
            for (Send send : log) {
                csv.printRecord(send.customerId(), send.tier(), time(send.sentAt(), zone), send.campaign() == null ? "" : send.campaign(),
                        send.purpose(), time(send.optedOutAt(), zone));
            }
        }
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? "" : java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone));
    }
}
