package app.liuke.customer.csv;

import app.liuke.shared.InvalidInput;
import app.liuke.shared.Texts;
import app.liuke.store.DataException;
import app.liuke.store.Database;
import app.liuke.store.Handle;
import app.liuke.tier.Reclassification;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one CSV import: detects the encoding, maps headers, and feeds rows to a {@link Row}
 * handler in transactions of {@value #BATCH} rows. Each row runs in its own savepoint, so a bad row
 * is reported with its line number and leaves nothing behind, while good rows carry on.
 */
final class CsvImportRun {
    private static final Logger LOG = LoggerFactory.getLogger(CsvImportRun.class);
    private static final int BATCH = 2000;
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(true).setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
            .get();

    /**
     * Handles one row inside its savepoint and says how it ended (for example "created"). Customers it
     * changes are marked on the {@link Reclassification}, which is flushed at the end of each batch.
     */
    @FunctionalInterface
    interface Row {
        String handle(Handle handle, CSVRecord record, Instant now, Reclassification reclassification);
    }

    private final Database database;
    private final Texts texts;
    private final Clock clock;
    private final Reclassification reclassification;

    CsvImportRun(ImportContext context) {
        this.database = context.database();
        this.texts = context.texts();
        this.clock = context.clock();
        this.reclassification = new Reclassification(context.classifier());
    }

    ImportReport run(Path file, Charset forced, Map<String, List<String>> aliases, List<String> required,
                     ImportProgress progress, java.util.function.Function<Columns, Row> rows) throws IOException {
        Charset charset = forced != null ? forced : TextDecoding.detect(file);
        long size = Files.size(file);
        var notes = new ArrayList<String>();
        notes.add(texts.get("import.encoding", file.getFileName(), charset.name()));
        var errors = new ArrayList<ImportReport.RowError>();
        var outcomes = new TreeMap<String, Integer>();
        try (var counting = new CountingStream(Files.newInputStream(file));
             var parser = CSVParser.builder().setReader(new InputStreamReader(counting, charset)).setFormat(FORMAT).get()) {
            var columns = new Columns(aliases, parser.getHeaderNames());
            for (String column : required) {
                if (!columns.has(column)) {
                    throw new InvalidInput(column, "import.missingColumn", column, columns.acceptedHeaders(column));
                }
            }
            if (!columns.ignored().isEmpty()) {
                notes.add("ignored columns: " + String.join(", ", columns.ignored()));
            }
            Row row = rows.apply(columns);
            try (var source = new CsvRecords(parser, FORMAT, errors, file, charset, parser.getHeaderNames(), texts)) {
            int[] count = {0};
            while (source.hasNext()) {
                database.useTransaction(handle -> {
                    Instant now = clock.instant();
                    for (int inBatch = 0; inBatch < BATCH && source.hasNext(); inBatch++) {
                        CSVRecord record = source.next();
                        long line = source.startLine();
                        count[0]++;
                        try {
                            String outcome = handle.savepoint(() -> row.handle(handle, record, now, reclassification));
                            outcomes.merge(outcome, 1, Integer::sum);
                        } catch (InvalidInput e) {
                            errors.add(new ImportReport.RowError(line, label(e) + texts.explain(e)));
                        } catch (DataException e) {
                            LOG.warn("import row {} failed", line, e);
                            errors.add(new ImportReport.RowError(line, String.valueOf(e.getMessage())));
                        }
                    }
                    reclassification.flush(handle, now);
                });
                progress.update(counting.count, size, count[0]);
            }
            return new ImportReport(count[0], outcomes, errors, notes);
            }
        }
    }

    private String label(InvalidInput e) {
        return e.field() == null ? "" : e.field() + ": ";
    }

    /** Counts bytes read, for the progress bar. */
    private static final class CountingStream extends FilterInputStream {
        private volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
