package app.liuke.tier;

import app.liuke.config.LiukeConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The rules from config plus the shop's day arithmetic, turned into the named parameters the SQL uses. */
public record ClassificationRules(LiukeConfig.Classification config, ShopDays days) {

    /** Named parameters for {@link Classifier} at {@code now}, followed by {@code extra} pairs. */
    Object[] parameters(Instant now, Object... extra) {
        long today = days.dayNumber(now);
        int offset = days.offsetSeconds(now);
        var pairs = new ArrayList<Object>(List.of(
                "now", now.getEpochSecond(),
                "today", today,
                "offset", offset,
                "windowStart", (today - config.aWindowDays() + 1) * 86_400 - offset,
                "windowDays", config.aWindowDays(),
                "aPoints", config.aMinPoints(),
                "aRecent", config.aMinPurchasesInWindow(),
                "aRecentOffset", config.aMinPurchasesInWindow() - 1,
                "bPurchases", config.bMinPurchases(),
                "downgradeDays", config.downgradeAfterDays(),
                "dormantDays", config.dormantAfterDays(),
                "churnDays", config.churnedAfterDays(),
                "loyalMin", config.loyalMinPurchases(),
                "groupCounts", config.groupActivityCountsAsActive() ? 1 : 0));
        pairs.addAll(List.of(extra));
        return pairs.toArray();
    }
}
