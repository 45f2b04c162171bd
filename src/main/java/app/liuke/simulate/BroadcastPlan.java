package app.liuke.simulate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The staff's broadcasts over the simulated year, as a busy shop sends them: news for everyone every
 * two weeks and a note for the key customers (tier A) every week, each at some hour between 10:00 and
 * 22:59, so that some are written after the quiet hours began and must wait for the morning.
 */
final class BroadcastPlan {
    record Broadcast(Instant at, String segment, String text) {
    }

    private final List<Broadcast> planned;
    private int next;

    private BroadcastPlan(List<Broadcast> planned) {
        this.planned = planned;
    }

    static BroadcastPlan of(Random random, Instant start, int days, ZoneId zone) {
        var planned = new ArrayList<Broadcast>();
        var first = start.atZone(zone).toLocalDate();
        for (int day = 3; day < days; day++) {
            var date = first.plusDays(day);
            if (day % 14 == 3) {
                planned.add(new Broadcast(at(random, date, zone), "all", "{name}，新款珍珠系列到店啦！本周到店有礼，欢迎来店里看看。"));
            }
            if (day % 7 == 5) {
                planned.add(new Broadcast(at(random, date, zone), "tier:A", "{name}，金钻卡会员专享：新品私享会本周六举行，期待您的光临。"));
            }
        }
        planned.sort(java.util.Comparator.comparing(Broadcast::at));
        return new BroadcastPlan(planned);
    }

    private static Instant at(Random random, java.time.LocalDate date, ZoneId zone) {
        return date.atTime(10 + random.nextInt(13), 0).atZone(zone).toInstant().plus(Duration.ofMinutes(random.nextInt(60)));
    }

    /** The broadcasts written by {@code now} and not yet sent. */
    List<Broadcast> due(Instant now) {
        var due = new ArrayList<Broadcast>();
        while (next < planned.size() && !planned.get(next).at().isAfter(now)) {
            due.add(planned.get(next++));
        }
        return due;
    }
}
