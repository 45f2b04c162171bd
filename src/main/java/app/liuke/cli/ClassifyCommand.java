package app.liuke.cli;

import app.liuke.Liuke;
import app.liuke.tier.Segment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Reclassify every customer now: time rules (downgrades, dormancy, churn), point expiry and RFM.",
                "Run it after changing the tier or stage rules in the config. The service also does this daily."})
final class ClassifyCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        try (Liuke liuke = config.open()) {
            var report = liuke.classification().sweepEveryone();
            System.out.println(liuke.texts().get("classify.done", report.customers(), report.took().toMillis(),
                    report.reclassified(), report.rfmChanged(), report.pointExpiries()));
            var counts = liuke.classification().counts(Segment.everyone());
            var stages = counts.get("A").keySet();
            System.out.printf("%-5s%s%n", "", stages.stream().map(stage -> String.format("%10s", stage)).reduce("", String::concat));
            counts.forEach((tier, byStage) -> System.out.printf("%-5s%s%n", tier,
                    byStage.values().stream().map(count -> String.format("%,10d", count)).reduce("", String::concat)));
            return 0;
        }
    }
}
