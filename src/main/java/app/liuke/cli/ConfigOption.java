package app.liuke.cli;

import app.liuke.config.ConfigLoader;
import app.liuke.config.LiukeConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every command. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "the config file (default: config/liuke.yaml if present, else the built-in defaults)")
    Path file;

    public LiukeConfig load() {
        return ConfigLoader.load(file, System.getenv());
    }
}
