package app.liuke.cli;

import app.liuke.simulate.SendLog;
import app.liuke.simulate.Simulation;
import app.liuke.simulate.YearPlot;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liuke simulate}: a year of a synthetic shop on the real service; exit code 1 when any contact rule was broken. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs a simulated year of a synthetic shop (every campaign on, broadcasts now and then) in a temporary "
                + "database, counts every message against the contact rules, and prints the report.",
                "Exit code 0: no rule was broken; 1: at least one was."})
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "10000", description = "customers in the shop (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--days", paramLabel = "D", defaultValue = "365", description = "days to simulate (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "the random seed; the same seed gives the same year (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--log", paramLabel = "FILE.csv", description = "write every message sent: customer, tier, sent_at, campaign, purpose, opted_out_at")
    Path log;

    @Option(names = "--json", paramLabel = "FILE", description = "write the report as JSON")
    Path json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "draw the messages per week by tier")
    Path plot;

    @Override
    public Integer call() throws Exception {
        // The service's own progress lines (sweeps, campaign runs) would bury the progress bar: warnings only.
        var service = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("app.liuke");
        var level = service.getLevel();
        service.setLevel(ch.qos.logback.classic.Level.WARN);
        try {
            return simulate();
        } finally {
            service.setLevel(level);
        }
    }

    private int simulate() throws Exception {
        var shop = config.load();
        Simulation.Options options;
        try {
            options = new Simulation.Options(customers, days, seed, shop);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        var outcome = Simulation.run(options, progressBar());
        outcome.report().print(System.out);
        if (log != null) {
            SendLog.write(outcome.log(), log, shop.timezone());
            System.out.println("Send log: " + log);
        }
        if (json != null) {
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(json.toFile(), outcome.report());
            System.out.println("Report as JSON: " + json);
        }
        if (plot != null) {
            YearPlot.write(outcome.report(), plot);
            System.out.println("Plot: " + plot);
        }
        return outcome.exitCode();
    }

    private static Simulation.Progress progressBar() {
        if (System.console() == null) {
            return Simulation.Progress.NONE;
        }
        return (done, total) -> {
            int filled = done * 30 / total;
            System.out.printf("\r[%s%s] day %d of %d", "#".repeat(filled), " ".repeat(30 - filled), done, total);
            if (done >= total) {
                System.out.println();
            }
            System.out.flush();
        };
    }
}
