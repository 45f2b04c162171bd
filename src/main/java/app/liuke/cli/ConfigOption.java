package app.liuke.cli;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.config.LiukeConfig;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every command. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "the config file (default: config/liuke.yaml if present, else the built-in defaults)")
    Path file;

    public LiukeConfig load() {
        return ConfigLoader.load(file, System.getenv());
    }

    /** The service on the loaded config and the system clock: the one place the CLI reads the wall clock. */
    public Liuke open() {
        return open(load());
    }

    static Liuke open(LiukeConfig config) {
        return Liuke.open(config, Clock.systemUTC());
    }
}
