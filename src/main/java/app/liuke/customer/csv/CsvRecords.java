package app.liuke.customer.csv;

import app.liuke.shared.Texts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of the file with the line each starts on. A row that is not readable CSV (a quote
 * opened and never closed, a character right after a closing quote) is reported by its line, in
 * the shop's language, and skipped: reading goes on from the next line with a fresh parser.
 */
final class CsvRecords implements AutoCloseable {
    private final List<ImportReport.RowError> errors;
    private final Path file;
    private final Charset charset;
    private final List<String> header;
    private final Texts texts;
    private final CSVFormat format;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private long offset;
    private long lineAfterPrevious;
    private long startLine;
    private boolean broken;

    CsvRecords(CSVParser parser, CSVFormat format, List<ImportReport.RowError> errors, Path file, Charset charset,
               List<String> header, Texts texts) {
        this.parser = parser;
        this.format = format;
        this.records = parser.iterator();
        this.errors = errors;
        this.file = file;
        this.charset = charset;
        this.header = List.copyOf(header);
        this.texts = texts;
        this.lineAfterPrevious = parser.getCurrentLineNumber();
    }

    boolean hasNext() {
        while (!broken) {
            try {
                return records.hasNext();
            } catch (UncheckedIOException | IllegalStateException e) {
                long line = lineAfterPrevious + 1;
                String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                errors.add(new ImportReport.RowError(line, texts.get("import.brokenRow", why(reason))));
                resumeAfter(line);
            }
        }
        return false;
    }

    private String why(String reason) {
        String message = String.valueOf(reason);
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("eof reached before encapsulated token finished")) {
            return texts.get("import.brokenRow.unclosedQuote");
        }
        if (lower.contains("between encapsulated token and delimiter")) {
            return texts.get("import.brokenRow.afterQuote");
        }
        return message;
    }

    /** A new parser from the line after {@code brokenLine} on, with the file's header. */
    private void resumeAfter(long brokenLine) {
        try {
            parser.close();
            var reader = Files.newBufferedReader(file, charset);
            for (long skipped = 0; skipped < brokenLine; skipped++) {
                if (reader.readLine() == null) {
                    broken = true;
                    reader.close();
                    return;
                }
            }
            parser = CSVParser.builder().setReader(reader).setFormat(format.builder()
                    .setHeader(header.toArray(String[]::new)).setSkipHeaderRecord(false).get()).get();
            records = parser.iterator();
            offset = brokenLine;
            lineAfterPrevious = brokenLine;
        } catch (IOException e) {
            broken = true;
        }
    }

    CSVRecord next() {
        CSVRecord record = records.next();
        startLine = lineAfterPrevious + 1;
        lineAfterPrevious = offset + parser.getCurrentLineNumber();
        return record;
    }

    long startLine() {
        return startLine;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
