package app.liuke.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.liuke.campaign.ContactRules;
import app.liuke.tier.Tier;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker counts each rule's breaches from a send log alone, and never a reply to the customer's own action. */
class ViolationsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ContactRules RULES = new ContactRules(LocalTime.of(21, 0), LocalTime.of(9, 0),
            Map.of(Tier.A, new ContactRules.Cap(1, 7), Tier.B, new ContactRules.Cap(1, 15), Tier.C, new ContactRules.Cap(0, 15)), 1, 30);

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    private static Send send(long customer, String tier, String at, String campaign, String purpose) {
        return new Send(customer, tier, at(at), "telegram", campaign, campaign == null ? null : "o-" + at.substring(0, 10), purpose, null);
    }

    private static Map<String, Long> count(List<Send> log) {
        return new Violations(RULES, SHANGHAI, 4).check(new java.util.ArrayList<>(log)).counts();
    }

    @Test
    void aRespectfulYear_hasNoBreach() {
        var counts = count(List.of(
                send(1, "B", "2026-03-01T10:00", "thanks", "care"),
                send(1, "B", "2026-03-02T09:00", "broadcast", "marketing"),
                send(1, "B", "2026-03-17T09:00:01", "broadcast", "marketing"),    // 15 days and a second later
                send(1, "B", "2026-03-17T23:30", null, Send.REPLY),              // answering the customer at night is fine
                send(2, "C", "2026-03-01T20:59:59", "holidays", "care")));       // care reaches C
        assertEquals(0, counts.values().stream().mapToLong(Long::longValue).sum(), counts.toString());
        assertEquals(Violations.RULES, List.copyOf(counts.keySet()));
    }

    @Test
    void everyRule_isCountedOnItsOwn() {
        assertEquals(2, count(List.of(send(1, "A", "2026-03-01T21:00", "birthday", "care"),
                send(1, "A", "2026-03-02T08:59", null, Send.OTHER))).get("quiet-hours"));
        var optedOut = at("2026-03-01T12:00");
        assertEquals(1, count(List.of(
                new Send(1, "A", at("2026-03-01T11:00"), "telegram", "thanks", "x", "care", optedOut),
                new Send(1, "A", at("2026-03-01T12:00:01"), "telegram", null, null, Send.REPLY, optedOut),   // the confirmation
                new Send(1, "A", at("2026-03-02T10:00"), "telegram", "holidays", "y", "care", optedOut))).get("after-opt-out"));
        assertEquals(1, count(List.of(send(1, "A", "2026-03-01T10:00", "broadcast", "marketing"),
                send(1, "A", "2026-03-07T10:00", "downgrade", "marketing"))).get("tier-cap"), "A: one in 7 days");
        assertEquals(0, count(List.of(send(1, "A", "2026-03-01T10:00", "broadcast", "marketing"),
                send(1, "A", "2026-03-08T10:00", "downgrade", "marketing"))).get("tier-cap"), "a new window");
        assertEquals(1, count(List.of(send(3, "C", "2026-03-01T10:00", "broadcast", "marketing"))).get("tier-cap"), "C: none");
        assertEquals(1, count(List.of(send(1, "A", "2026-03-01T09:00", "broadcast", "marketing"),
                send(1, "A", "2026-03-01T15:00", "follow-up", "care"))).get("per-day"));
    }

    @Test
    void aContactsSeveralMessages_countOnce_andWeComHasItsMonthlyCap() {
        var survey = List.of(send(1, "B", "2026-03-01T15:00", "follow-up", "care"),
                new Send(1, "B", at("2026-03-01T15:00"), "telegram", "follow-up", "o-2026-03-01", "care", null));
        assertEquals(0, count(survey).get("per-day"));
        var wecom = new java.util.ArrayList<Send>();
        for (int day = 1; day <= 5; day++) {
            wecom.add(new Send(7, "A", at("2026-03-0" + day + "T10:00"), "wecom", "holidays", "d" + day, "care", null));
        }
        assertEquals(1, count(wecom).get("wecom-cap"), "the fifth WeCom contact of March");
    }
}
