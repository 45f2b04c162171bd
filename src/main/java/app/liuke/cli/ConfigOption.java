package app.liuke.cli;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.config.LiukeConfig;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --config FILE}, shared by every command. It may stand before the command too, as the usage
 * line shows ({@code liuke --config shop.yaml classify}); given after it, that one counts.
 */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "the config file (default: config/liuke.yaml if present, else the built-in defaults)")
    Path file;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public LiukeConfig load() {
        return ConfigLoader.load(chosen(), System.getenv());
    }

    /** This command's {@code --config}, else the nearest enclosing command's; null when none was given. */
    private Path chosen() {
        for (CommandSpec spec = command; spec != null; spec = spec.parent()) {
            for (Object mixin : spec.mixins().values().stream().map(CommandSpec::userObject).toList()) {
                if (mixin instanceof ConfigOption option && option.file != null) {
                    return option.file;
                }
            }
        }
        return file;
    }

    /** The service on the loaded config and the system clock: the one place the CLI reads the wall clock. */
    public Liuke open() {
        return open(load());
    }

    static Liuke open(LiukeConfig config) {
        return Liuke.open(config, Clock.systemUTC());
    }
}
