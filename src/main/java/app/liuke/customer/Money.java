package app.liuke.customer;

import app.liuke.shared.InvalidInput;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts of money in cents (分). Parsing accepts "1280", "1,280.50", "¥1280", "1280元". */
public final class Money {
    /** Ten million yuan: larger amounts are taken for typing mistakes. */
    public static final long MAX_CENTS = 1_000_000_000L;

    private Money() {
    }

    public static long parseCents(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("amount", "error.amount.required");
        }
        String cleaned = text.strip().replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
                .replace("元", "").replace("RMB", "").strip();
        try {
            return cents(new BigDecimal(cleaned));
        } catch (NumberFormatException e) {
            throw new InvalidInput("amount", "error.amount.invalid", text.strip());
        }
    }

    public static long cents(BigDecimal amount) {
        if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidInput("amount", "error.amount.invalid", amount.toPlainString());
        }
        if (amount.signum() < 0 || amount.compareTo(BigDecimal.valueOf(MAX_CENTS / 100)) > 0) {
            throw new InvalidInput("amount", "error.amount.range", amount.toPlainString());
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
    }

    /** 128050 → "1280.50". */
    public static String format(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
