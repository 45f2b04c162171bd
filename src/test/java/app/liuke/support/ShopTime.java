package app.liuke.support;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Shop-local times for tests: {@code at("2026-03-15 10:00")} is 10:00 in Shanghai. */
public final class ShopTime {
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private ShopTime() {
    }

    public static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime.replace(' ', 'T')).atZone(SHANGHAI).toInstant();
    }
}
