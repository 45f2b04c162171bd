package app.liuke.config;

/** One problem in a config or script file, with where it is. Line 0 means "the whole file". */
public record ConfigError(String file, int line, String key, String message) {
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return key == null || key.isEmpty() ? where + ": " + message : where + ": " + key + ": " + message;
    }
}
