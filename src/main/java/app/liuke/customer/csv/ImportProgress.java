package app.liuke.customer.csv;

/** Told how far an import has read; the CLI draws a progress bar from it on a terminal. */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (bytesRead, totalBytes, rows) -> { };

    void update(long bytesRead, long totalBytes, int rows);
}
