package app.liuke.customer.csv;

import java.util.List;
import java.util.Map;

/**
 * What an import did: rows read, how many ended each way (created, updated, …), each bad row
 * with its line and reason, and notes (ignored columns, staff created, the encoding used).
 */
public record ImportReport(int rows, Map<String, Integer> outcomes, List<RowError> errors, List<String> notes) {
    public ImportReport {
        outcomes = Map.copyOf(outcomes);
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
    }

    public int count(String outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    /** A row that was not imported: the file's line number and why. */
    public record RowError(long line, String reason) {
    }
}
