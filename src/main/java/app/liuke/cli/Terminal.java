package app.liuke.cli;

import app.liuke.customer.csv.ImportProgress;
import java.io.PrintStream;

/** A progress bar on a terminal; nothing when output goes to a file or pipe. */
final class Terminal {
    private Terminal() {
    }

    static ImportProgress progressBar(PrintStream out) {
        if (System.console() == null) {
            return ImportProgress.NONE;
        }
        return (read, total, rows) -> {
            int percent = total == 0 ? 100 : (int) Math.min(100, read * 100 / total);
            int filled = percent / 5;
            out.printf("\r[%s%s] %3d%%  %,d rows", "#".repeat(filled), " ".repeat(20 - filled), percent, rows);
            if (read >= total) {
                out.println();
            }
            out.flush();
        };
    }
}
