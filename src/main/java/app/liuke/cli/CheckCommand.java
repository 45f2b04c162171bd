package app.liuke.cli;

import app.liuke.config.ConfigError;
import app.liuke.config.ConfigException;
import app.liuke.config.ConfigLoader;
import app.liuke.conversation.script.ScriptLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate the config and bot-scripts and print every error with file and line.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        var errors = new ArrayList<ConfigError>();
        var sources = new ArrayList<String>();
        Path scripts = Path.of("bot-scripts");
        try {
            var result = ConfigLoader.read(config.file, System.getenv());
            errors.addAll(result.errors());
            sources.add(result.config().source());
            scripts = result.config().botScripts();
        } catch (ConfigException e) {
            errors.addAll(e.errors());
        }
        var loaded = ScriptLoader.load(scripts);
        errors.addAll(loaded.errors());
        sources.add(loaded.scripts().source());
        errors.forEach(System.out::println);
        System.out.println(errors.isEmpty() ? String.join(", ", sources) + ": OK" : errors.size() + " problem(s) found.");
        return errors.isEmpty() ? 0 : 1;
    }
}
