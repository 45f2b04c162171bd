package app.liuke.demo;

import app.liuke.Liuke;
import app.liuke.config.LiukeConfig;
import app.liuke.customer.Birthday;
import app.liuke.customer.ChannelIdentity;
import app.liuke.customer.CustomerDraft;
import app.liuke.customer.FollowUpMethod;
import app.liuke.customer.Gender;
import app.liuke.customer.PurchaseDraft;
import app.liuke.staff.Role;
import app.liuke.store.Handle;
import app.liuke.tier.Reclassification;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

/**
 * {@code --demo}: a sample jewellery-and-accessories shop with two stores, three staff groups and a
 * few hundred customers with two years of history, seeded into its own database file. The data is
 * the same on every machine (fixed random seed) and dated relative to today.
 */
public final class DemoShop {
    /** The admin token in demo mode when the config sets none. */
    public static final String DEMO_TOKEN = "demo";
    static final int CUSTOMERS = 300;
    private static final String[] SURNAMES = "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 高 罗".split(" ");
    private static final String[] GIVEN = "芳 娜 静 敏 丽 艳 娟 霞 婷 雪 慧 莉 颖 琳 晨 佳 欣 悦 伟 强 磊 军 洋 杰 涛 浩 宇 明 超 鹏".split(" ");
    private static final String[] ITEMS = "珍珠耳钉 金手链 银项链 玉镯 钻石戒指 彩宝吊坠 足金转运珠 K金耳环 清洁护理 刻字服务".split(" ");
    private static final int[] PRICES = {399, 1280, 580, 1880, 2980, 880, 680, 460, 88, 120};
    private static final String[] TAGS = "VIP 老买家 喜欢珍珠 婚庆 送礼 学生 价格敏感 团购".split(" ");
    private static final String[] SOURCES = "门店 朋友推荐 小红书 抖音 Telegram 商场活动".split(" ");
    private static final String[] MOBILE_PREFIXES = "138 139 135 136 150 151 158 186 187 188 177 199".split(" ");
    private final Liuke liuke;
    private final Random random;

    public DemoShop(Liuke liuke) {
        this(liuke, 20261123L);
    }

    /** The same generator with another seed ({@code liuke simulate --seed}). */
    public DemoShop(Liuke liuke, long seed) {
        this.liuke = liuke;
        this.random = new Random(seed);
    }

    /**
     * The demo's staff and {@code customers} customers with their purchase history (no sample campaign
     * messages or surveys), each reachable as {@code identities} says; then the daily sweep. Returns the
     * customers' ids in the order they were made ({@code liuke simulate}'s shop).
     */
    public List<Long> seedCustomers(int customers, java.util.function.IntFunction<List<ChannelIdentity>> identities) {
        var ids = liuke.database().transaction(handle -> {
            Instant now = liuke.clock().instant();
            List<Long> staffIds = seedStaff(handle, now);
            var reclassification = liuke.reclassification();
            var made = new ArrayList<Long>();
            for (int i = 0; i < customers; i++) {
                made.add(seedCustomer(handle, i, staffIds, now, reclassification, identities.apply(i)));
            }
            reclassification.flush(handle, now);
            return made;
        });
        liuke.sweep().tick();
        return ids;
    }

    /** The demo's own database file and, unless one is configured, the documented demo token. */
    public static LiukeConfig configure(LiukeConfig config) {
        String name = config.store().path().getFileName().toString().replaceFirst("\\.db$", "");
        Path parent = config.store().path().toAbsolutePath().getParent();
        var demo = config.withStorePath(parent.resolve(name + "-demo.db"));
        if (!demo.server().apiEnabled()) {
            var server = demo.server();
            demo = demo.withServer(new LiukeConfig.Server(server.port(), DEMO_TOKEN, server.maxRequestBytes()));
        }
        return demo;
    }

    /** Seeds the shop unless the database already has customers, then runs the daily sweep; returns the number seeded. */
    public int seedIfEmpty() {
        int seeded = liuke.database().transaction(handle -> {
            if (handle.queryLong("SELECT count(*) FROM customer") > 0) {
                return 0;
            }
            Instant now = liuke.clock().instant();
            List<Long> staffIds = seedStaff(handle, now);
            var reclassification = liuke.reclassification();
            for (int i = 0; i < CUSTOMERS; i++) {
                seedCustomer(handle, i, staffIds, now, reclassification, i % 7 == 0
                        ? List.of(new ChannelIdentity("telegram", String.valueOf(700_000_000L + i))) : List.of());
            }
            new DemoActivity(liuke, random).seed(handle, now, reclassification);
            reclassification.flush(handle, now);
            // A live shop would have seen each customer go dormant the day their 90 days ran out, not today.
            handle.update("""
                    UPDATE customer SET stage_since = last_purchase_at + :dormant
                    WHERE stage = 'dormant' AND last_purchase_at IS NOT NULL AND last_purchase_at + :dormant < :now""",
                    "dormant", liuke.config().classification().dormantAfterDays() * 86_400L, "now", now.getEpochSecond());
            return CUSTOMERS;
        });
        if (seeded > 0) {
            liuke.sweep().tick();
            liuke.database().useTransaction(handle -> {
                new DemoActivity(liuke, random).snapshots(handle, liuke.clock().instant());
                liuke.trends().snapshot(handle, liuke.clock().instant());
            });
        }
        return seeded;
    }

    private List<Long> seedStaff(Handle handle, Instant now) {
        var staff = liuke.staff();
        long east = staff.groupIdForName(handle, "南京西路一组", "南京西路店");
        long west = staff.groupIdForName(handle, "南京西路二组", "南京西路店");
        long xu = staff.groupIdForName(handle, "徐家汇组", "徐家汇店");
        var ids = new ArrayList<Long>();
        ids.add(staff.addStaff(handle, "张店长", Role.MANAGER, east, null, now));
        ids.add(staff.addStaff(handle, "李娜", Role.STAFF, east, null, now));
        ids.add(staff.addStaff(handle, "王芳", Role.STAFF, east, null, now));
        ids.add(staff.addStaff(handle, "陈静", Role.STAFF, west, null, now));
        ids.add(staff.addStaff(handle, "刘洋", Role.STAFF, west, null, now));
        ids.add(staff.addStaff(handle, "赵敏", Role.MANAGER, xu, null, now));
        ids.add(staff.addStaff(handle, "孙丽", Role.STAFF, xu, null, now));
        ids.add(staff.addStaff(handle, "周杰", Role.STAFF, xu, null, now));
        return ids;
    }

    private long seedCustomer(Handle handle, int index, List<Long> staffIds, Instant now, Reclassification reclassification,
                              List<ChannelIdentity> identities) {
        long owner = staffIds.get(random.nextInt(staffIds.size()));
        var ownerInfo = liuke.staff().byId(handle, owner).orElseThrow();
        Instant created = now.minus(Duration.ofDays(30 + random.nextInt(700)));
        var tags = new LinkedHashSet<String>();
        for (int t = random.nextInt(3); t > 0; t--) {
            tags.add(TAGS[random.nextInt(TAGS.length)]);
        }
        String store = ownerInfo.groupName().startsWith("徐家汇") ? "徐家汇店" : "南京西路店";
        var draft = new CustomerDraft(name(), phone(index), birthday(index), random.nextInt(5) == 0 ? Gender.MALE : Gender.FEMALE,
                index % 11 == 0 ? "喜欢简约款，怕过敏，只戴足金或 925 银" : null, tags, owner, ownerInfo.groupId(), store,
                SOURCES[random.nextInt(SOURCES.length)], null, index % 40 == 39, identities, created);
        long id = liuke.customers().upsert(handle, draft, now, reclassification).customerId();
        seedPurchases(handle, id, owner, store, created, now, reclassification);
        // A well-run shop: most customers were followed up in the last three weeks, a tenth are coming due or just overdue,
        // a couple were never called; so the to-do list is a day's work, not the whole archive.
        int roll = random.nextInt(100);
        if (roll < 98) {
            int daysAgo = roll < 88 ? 1 + random.nextInt(20) : 24 + random.nextInt(11);
            handle.insert("""
                    INSERT INTO follow_up (customer_id, staff_id, happened_at, method, content)
                    VALUES (:customer, :staff, :at, :method, :content)""",
                    "customer", id, "staff", owner, "at", now.minus(Duration.ofDays(daysAgo)).getEpochSecond(),
                    "method", FollowUpMethod.values()[random.nextInt(3)].code(), "content", "回访：对上次购买满意，提醒新品到店");
        }
        return id;
    }

    /** Loyal (10%), repeat (35%), one purchase (35%) or none yet (20%); some have gone quiet for months. */
    private void seedPurchases(Handle handle, long customerId, long staffId, String store, Instant created, Instant now,
                               Reclassification reclassification) {
        int roll = random.nextInt(100);
        int count = roll < 10 ? 8 + random.nextInt(15) : roll < 45 ? 2 + random.nextInt(6) : roll < 80 ? 1 : 0;
        long span = Duration.between(created, now).toDays();
        boolean quiet = random.nextInt(4) == 0;
        for (int p = 0; p < count; p++) {
            long daysAgo = quiet ? 200 + random.nextInt((int) Math.max(1, span - 199)) : random.nextInt((int) Math.max(1, span));
            daysAgo = Math.min(daysAgo, span);
            int item = random.nextInt(ITEMS.length);
            long cents = PRICES[item] * 100L + (random.nextInt(4) == 0 ? PRICES[random.nextInt(PRICES.length)] * 100L : 0);
            var draft = new PurchaseDraft(customerId, null, openingHours(now, daysAgo), cents, List.of(ITEMS[item]), store,
                    staffId, null);
            liuke.purchases().record(handle, draft, now, reclassification);
        }
    }

    /** A sale as the demo shop makes them: one of its items at its price, now and then with a second one. */
    public static PurchaseDraft sale(Random random, long customerId, Instant at, String store, Long staffId) {
        int item = random.nextInt(ITEMS.length);
        int second = random.nextInt(4) == 0 ? random.nextInt(ITEMS.length) : -1;
        long cents = PRICES[item] * 100L + (second < 0 ? 0 : PRICES[second] * 100L);
        var items = second < 0 || second == item ? List.of(ITEMS[item]) : List.of(ITEMS[item], ITEMS[second]);
        return new PurchaseDraft(customerId, null, at, cents, items, store, staffId, null);
    }

    /** A time between 10:00 and 20:00 shop time, {@code daysAgo} days back, never after now. */
    private Instant openingHours(Instant now, long daysAgo) {
        var zone = liuke.config().timezone();
        var day = now.atZone(zone).toLocalDate().minusDays(daysAgo);
        Instant at = day.atTime(10, 0).plusMinutes(random.nextInt(600)).atZone(zone).toInstant();
        return at.isAfter(now) ? now : at;
    }

    private String name() {
        return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
    }

    private String phone(int index) {
        return MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] + String.format("%08d", 10_000_000 + index * 7919 % 89_999_999);
    }

    private Birthday birthday(int index) {
        var monthDay = MonthDay.of(1 + random.nextInt(12), 1 + random.nextInt(28));
        return index % 9 == 0 ? new Birthday(null, monthDay) : new Birthday(1965 + random.nextInt(38), monthDay);
    }
}
