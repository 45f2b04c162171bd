package app.liuke.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * How the simulated customers behave, all from one seeded random source: they buy at their own pace
 * (the archive's loyal customers often, one-time buyers rarely), some go quiet after a purchase and
 * some come back when a greeting, gift or reactivation offer reaches them; they answer most survey
 * questions, and now and then one asks to hear no more marketing.
 */
final class Behaviour {
    private final Random random;

    Behaviour(long seed) {
        this.random = new Random(seed ^ 0x5DEECE66DL);
    }

    Random random() {
        return random;
    }

    /** Average days between purchases for a customer in {@code stage} when the year begins. */
    double gapDays(String stage) {
        double base = switch (stage) {
            case "loyal" -> 30;
            case "repeat" -> 75;
            case "new" -> 150;
            case "potential" -> 240;
            case "dormant" -> 400;
            default -> 900;
        };
        return base * (0.5 + random.nextDouble());
    }

    /** The next purchase after {@code from}: exponential waits, in the shop's opening hours. */
    Instant nextPurchase(Instant from, double gapDays) {
        double days = -Math.log(1 - random.nextDouble()) * gapDays;
        return from.plus(Duration.ofMinutes((long) (days * 24 * 60)));
    }

    /** After a purchase: about one customer in twelve goes quiet for a long while. */
    double afterPurchase(double gapDays) {
        return random.nextInt(12) == 0 ? gapDays * 6 : gapDays;
    }

    /** The chance that a campaign message brings the customer in within two weeks. */
    boolean buysAfter(String campaign) {
        double chance = switch (campaign == null ? "" : campaign) {
            case "reactivation" -> 0.20;
            case "birthday" -> 0.25;
            case "holidays" -> 0.08;
            case "broadcast" -> 0.04;
            default -> 0.03;
        };
        return random.nextDouble() < chance;
    }

    Instant soonAfter(Instant at, int minMinutes, int maxMinutes) {
        return at.plus(Duration.ofMinutes(minMinutes + random.nextInt(Math.max(1, maxMinutes - minMinutes))));
    }

    /** Whether the customer answers a survey question (the first one less often than the next). */
    boolean answers(boolean first) {
        return random.nextDouble() < (first ? 0.6 : 0.85);
    }

    String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** A marketing message makes about one customer in a hundred ask for no more. */
    boolean optsOut() {
        return random.nextInt(100) == 0;
    }
}
