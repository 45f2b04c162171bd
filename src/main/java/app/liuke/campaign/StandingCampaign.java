package app.liuke.campaign;

import java.time.LocalDate;

/** What the shop's standing campaigns share: their settings and texts, and the "bought on that day" audience. */
abstract class StandingCampaign implements Campaign {
    protected final CampaignSettings settings;
    protected final CampaignTexts texts;

    StandingCampaign(CampaignSettings settings, CampaignTexts texts) {
        this.settings = settings;
        this.texts = texts;
    }

    @Override
    public CampaignSettings settings() {
        return settings;
    }

    /** Customers on file who bought on shop date {@code bought}, one row each, occurrence {@code purchase-<date>}. */
    static Audience boughtOn(LocalDate bought, CampaignDay day) {
        return new Audience("""
                SELECT p.customer_id AS customer_id, 'purchase-' || :pbDate AS occurrence FROM purchase p
                WHERE p.purchased_at >= :pbFrom AND p.purchased_at < :pbTo AND p.customer_id IS NOT NULL
                GROUP BY p.customer_id""", "pbDate", bought.toString(), "pbFrom", day.start(bought),
                "pbTo", day.start(bought.plusDays(1)));
    }
}
