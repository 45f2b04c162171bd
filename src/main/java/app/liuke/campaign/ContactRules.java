package app.liuke.campaign;

import app.liuke.tier.Tier;
import java.time.LocalTime;
import java.util.Map;

/**
 * The contact policy from {@code contact} in config: quiet hours (shop time; nothing is sent from
 * {@code quietFrom} to {@code quietTo}), per-tier caps on marketing messages over rolling windows,
 * and how many campaign messages one customer gets per shop day (the higher priority wins).
 */
public record ContactRules(LocalTime quietFrom, LocalTime quietTo, Map<Tier, Cap> caps, int maxPerDay, int surveyCooldownDays) {

    /** At most {@code messages} marketing messages within {@code days} days. */
    public record Cap(int messages, int days) {
    }

    public ContactRules {
        caps = Map.copyOf(caps);
    }

    public Cap cap(Tier tier) {
        return caps.getOrDefault(tier, new Cap(0, 15));
    }
}
