package app.liuke.store;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A consistent online copy of the database: {@code VACUUM INTO} reads one snapshot, so the
 * service may keep writing while the backup runs. Thread-safe.
 */
public final class Backup {
    private final Database database;

    public Backup(Database database) {
        this.database = database;
    }

    /** Writes the copy; refuses to overwrite an existing file. Returns the copy's size in bytes. */
    public long writeTo(Path target) {
        Path absolute = target.toAbsolutePath();
        if (database.file() == null) {
            throw new IllegalArgumentException("this shop's data is in PostgreSQL (store.url): back it up with the server's own"
                    + " tools, e.g. pg_dump --format=custom --file=liuke.dump DATABASE");
        }
        if (Files.exists(absolute)) {
            throw new IllegalArgumentException("the backup file already exists: " + absolute);
        }
        try {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            database.alone(handle -> {
                handle.update("VACUUM INTO :target", "target", absolute.toString());
                return null;
            });
            return Files.size(absolute);
        } catch (java.io.IOException e) {
            throw new DataException("cannot write the backup to " + absolute + ": " + e.getMessage(), e);
        }
    }
}
