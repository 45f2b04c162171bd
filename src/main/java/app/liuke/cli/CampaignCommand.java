package app.liuke.cli;

import app.liuke.Liuke;
import app.liuke.campaign.CampaignStats;
import app.liuke.campaign.RunReport;
import app.liuke.shared.InvalidInput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = {"The shop's campaigns: list them with their figures, preview one (who would get what, who is",
                "skipped and why; nothing is written), or run one now. A run queues its messages in the outbox;",
                "the running service sends them (rate-limited, quiet hours respected).",
                "Examples:  campaign list   campaign preview birthday   campaign run thanks",
                "           campaign run broadcast --segment \"tier:A\" --text \"新品到店，欢迎来看看\""})
final class CampaignCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Parameters(index = "0", description = "list, preview or run")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "the campaign: thanks, birthday, holidays, follow-up, used-up, "
            + "downgrade, reactivation or broadcast")
    String name;

    @Option(names = "--segment", description = "broadcast only: who gets it (README \"Segments\"), e.g. \"tier:A stage:loyal\"")
    String segment = "";

    @Option(names = "--text", description = "broadcast only: the message; {name} becomes the customer's name")
    String text;

    @Override
    public Integer call() {
        try (Liuke liuke = config.open()) {
            try {
                return act(liuke);
            } catch (InvalidInput e) {
                System.err.println(liuke.texts().explain(e));
                return 2;
            }
        }
    }

    private Integer act(Liuke liuke) {
        var campaigns = liuke.campaigns();
        switch (action) {
            case "list" -> {
                System.out.printf("%-14s%-10s%-14s%9s%10s%9s%9s%9s%12s%n", "campaign", "purpose", "schedule", "queued", "delivered",
                        "skipped", "redeemed", "bought", "lastRun");
                for (CampaignStats.Figures f : campaigns.figures()) {
                    System.out.printf("%-14s%-10s%-14s%9d%10d%9d%9d%9d%12s%n", f.name(), f.purpose(),
                            f.schedule().isBlank() ? "-" : f.schedule(), f.queued(), f.delivered(),
                            f.skipped().values().stream().mapToLong(Long::longValue).sum(), f.redeemed(), f.purchased(),
                            f.lastRunAt() == null ? "-" : java.time.Instant.ofEpochSecond(f.lastRunAt()).atZone(liuke.config().timezone())
                                    .toLocalDate());
                }
                return 0;
            }
            case "preview", "run" -> {
                if (name == null) {
                    System.err.println("Say which campaign, e.g. `campaign " + action + " birthday`. Campaigns: "
                            + String.join(", ", campaigns.names()));
                    return 2;
                }
                boolean broadcast = name.equals("broadcast");
                RunReport report = action.equals("preview")
                        ? (broadcast ? campaigns.previewBroadcast(segment, text) : campaigns.preview(name))
                        : (broadcast ? campaigns.broadcasts().now(segment, text) : campaigns.run(name, "cli"));
                print(report);
                return 0;
            }
            default -> {
                System.err.println("Unknown action '" + action + "': use list, preview NAME or run NAME.");
                return 2;
            }
        }
    }

    private static void print(RunReport report) {
        for (RunReport.Line line : report.lines()) {
            System.out.printf("#%-8d %-12s %-5s %-18s %s%n", line.customerId(), line.name(), line.decision(), line.reason(),
                    line.text().replace('\n', ' '));
        }
        if (report.lines().size() < report.queued() + report.skippedTotal()) {
            System.out.println("… (first " + report.lines().size() + " customers shown)");
        }
        System.out.printf("%s %s: %d to send (%d after quiet hours), %d skipped %s, %d planned before%n", report.campaign(),
                report.preview() ? "preview" : "run", report.queued(), report.deferred(), report.skippedTotal(), report.skipped(),
                report.already());
    }
}
