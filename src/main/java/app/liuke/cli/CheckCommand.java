package app.liuke.cli;

import app.liuke.config.ConfigError;
import app.liuke.config.ConfigException;
import app.liuke.config.ConfigLoader;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate the config (and bot-scripts, once there are any) and print every error with file and line.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        List<ConfigError> errors;
        String source;
        try {
            var result = ConfigLoader.read(config.file, System.getenv());
            errors = result.errors();
            source = result.config().source();
        } catch (ConfigException e) {
            errors = e.errors();
            source = config.file == null ? "config" : config.file.toString();
        }
        errors.forEach(System.out::println);
        System.out.println(errors.isEmpty() ? source + ": OK" : errors.size() + " problem(s) found.");
        return errors.isEmpty() ? 0 : 1;
    }
}
