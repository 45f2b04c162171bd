package app.liuke.simulate;

import app.liuke.campaign.ContactRules;
import app.liuke.tier.Tier;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the breaches of the contact rules in a send log, on its own: it reads only what customers
 * received and when, the rules in config and what the simulation made customers do, never the gate's
 * decisions or its code. A reply to something the customer just did is never a breach.
 * <ul>
 *   <li>{@code quiet-hours}: an unasked-for message inside the quiet hours (shop time);</li>
 *   <li>{@code after-opt-out}: an unasked-for message after the customer opted out;</li>
 *   <li>{@code tier-cap}: a marketing contact beyond the cap of the tier the customer had then, counted over the
 *       rolling window before it (C's cap is 0: only must-do contacts);</li>
 *   <li>{@code per-day}: a campaign contact beyond {@code maxPerDay} begun on one shop day;</li>
 *   <li>{@code wecom-cap}: a campaign contact through WeCom beyond its monthly cap.</li>
 * </ul>
 * A contact is one campaign occurrence (a greeting and the survey question under it are one).
 */
public final class Violations {
    static final List<String> RULES = List.of("quiet-hours", "after-opt-out", "tier-cap", "per-day", "wecom-cap");
    private static final int EXAMPLES = 20;

    /** One breach, for the report's examples. */
    public record Breach(String rule, long customerId, String at, String detail) {
    }

    /** Breaches per rule (every rule listed, 0 when none) and the first few of them. */
    record Result(Map<String, Long> counts, List<Breach> examples) {
        long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final ContactRules rules;
    private final ZoneId zone;
    private final int wecomMonthlyCap;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<Breach> examples = new ArrayList<>();

    Violations(ContactRules rules, ZoneId zone, int wecomMonthlyCap) {
        this.rules = rules;
        this.zone = zone;
        this.wecomMonthlyCap = wecomMonthlyCap;
        RULES.forEach(rule -> counts.put(rule, 0L));
    }

    Result check(List<Send> log) {
        var byCustomer = new HashMap<Long, List<Send>>();
        for (Send send : log) {
            byCustomer.computeIfAbsent(send.customerId(), id -> new ArrayList<>()).add(send);
        }
        byCustomer.values().forEach(sends -> {
            sends.sort(Comparator.comparing(Send::sentAt));
            checkCustomer(sends);
        });
        return new Result(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts)), List.copyOf(examples));
    }

    private void checkCustomer(List<Send> sends) {
        var firsts = new ArrayList<Send>();       // each contact's first message, in time order
        var seen = new HashSet<String>();
        for (Send send : sends) {
            if (send.unasked() && quiet(send.sentAt())) {
                breach("quiet-hours", send, "at " + local(send.sentAt()).toLocalTime());
            }
            if (send.unasked() && send.optedOutAt() != null && send.sentAt().isAfter(send.optedOutAt())) {
                breach("after-opt-out", send, "opted out " + local(send.optedOutAt()));
            }
            if (send.contact() != null && seen.add(send.contact())) {
                firsts.add(send);
            }
        }
        var window = new ArrayDeque<Send>();
        var perDay = new HashMap<LocalDate, Integer>();
        var perMonth = new HashMap<YearMonth, Integer>();
        for (Send first : firsts) {
            if (first.purpose().equals("marketing")) {
                var cap = rules.cap(Tier.valueOf(first.tier()));
                Instant since = first.sentAt().minus(Duration.ofDays(cap.days()));
                window.removeIf(earlier -> !earlier.sentAt().isAfter(since));
                window.add(first);
                if (window.size() > cap.messages()) {
                    breach("tier-cap", first, window.size() + " marketing in " + cap.days() + " days as " + first.tier()
                            + " (cap " + cap.messages() + ")");
                }
            }
            int today = perDay.merge(local(first.sentAt()).toLocalDate(), 1, Integer::sum);
            if (today > rules.maxPerDay()) {
                breach("per-day", first, today + " campaign contacts on " + local(first.sentAt()).toLocalDate());
            }
            if (first.channel().equals("wecom")) {
                int month = perMonth.merge(YearMonth.from(local(first.sentAt())), 1, Integer::sum);
                if (month > wecomMonthlyCap) {
                    breach("wecom-cap", first, month + " WeCom contacts in " + YearMonth.from(local(first.sentAt())));
                }
            }
        }
    }

    /** Inside the quiet hours, from the config's times alone. */
    private boolean quiet(Instant when) {
        LocalTime time = local(when).toLocalTime();
        LocalTime from = rules.quietFrom();
        LocalTime to = rules.quietTo();
        if (from.equals(to)) {
            return false;
        }
        return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to) : !time.isBefore(from) || time.isBefore(to);
    }

    private java.time.ZonedDateTime local(Instant when) {
        return when.atZone(zone);
    }

    private void breach(String rule, Send send, String detail) {
        counts.merge(rule, 1L, Long::sum);
        if (examples.size() < EXAMPLES) {
            examples.add(new Breach(rule, send.customerId(), local(send.sentAt()).toLocalDateTime().toString(),
                    (send.campaign() == null ? send.purpose() : send.campaign()) + ": " + detail));
        }
    }
}
