package app.liuke.offer;

import app.liuke.shared.Conflict;
import app.liuke.tier.Stage;
import app.liuke.tier.Tier;
import app.liuke.store.Handle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The offers on file. Offers from {@code config/liuke.yaml} are written here at start-up (an offer
 * taken out of the config is withdrawn, its codes refused); offers made through the API live here
 * only. Stateless; runs in the caller's transaction.
 */
public final class OfferCatalog {
    public enum Source { CONFIG, API }

    public List<Offer> all(Handle handle) {
        return handle.query("SELECT * FROM offer ORDER BY created_at, id", OfferCatalog::map);
    }

    public Optional<Offer> find(Handle handle, String id) {
        return handle.queryOne("SELECT * FROM offer WHERE id = :id", OfferCatalog::map, "id", id);
    }

    public Optional<Offer> bySharedCode(Handle handle, String code) {
        return handle.queryOne("SELECT * FROM offer WHERE shared_code = :code", OfferCatalog::map, "code", code);
    }

    /** Makes the stored config offers match {@code offers}: new ones added, changed ones updated, missing ones withdrawn. */
    public void syncFromConfig(Handle handle, List<Offer> offers, Instant now) {
        handle.update("UPDATE offer SET active = 0, updated_at = :now WHERE source = 'config' AND active = 1",
                "now", now.getEpochSecond());
        for (Offer offer : offers) {
            save(handle, offer, Source.CONFIG, now);
        }
    }

    /** A new offer through the API; its id and shared code must be free. */
    public Offer create(Handle handle, Offer offer, Instant now) {
        if (find(handle, offer.id()).isPresent()) {
            throw new Conflict("id", "error.offer.taken", offer.id());
        }
        if (offer.code() != null && bySharedCode(handle, offer.code()).isPresent()) {
            throw new Conflict("code", "error.offer.codeTaken", offer.code());
        }
        save(handle, offer, Source.API, now);
        return find(handle, offer.id()).orElseThrow();
    }

    private void save(Handle handle, Offer offer, Source source, Instant now) {
        handle.update("""
                INSERT INTO offer (id, title, body, tiers, stages, segment, valid_from, valid_until, code_days, per_customer,
                                   stock, personal, shared_code, listed, source, active, created_at, updated_at)
                VALUES (:id, :title, :body, :tiers, :stages, :segment, :from, :until, :codeDays, :perCustomer,
                        :stock, :personal, :shared, :listed, :source, :active, :now, :now)
                ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body, tiers = excluded.tiers,
                    stages = excluded.stages, segment = excluded.segment, valid_from = excluded.valid_from,
                    valid_until = excluded.valid_until, code_days = excluded.code_days, per_customer = excluded.per_customer,
                    stock = excluded.stock, personal = excluded.personal, shared_code = excluded.shared_code,
                    listed = excluded.listed, source = excluded.source, active = excluded.active, updated_at = excluded.updated_at""",
                "id", offer.id(), "title", offer.title(), "body", offer.text(),
                "tiers", String.join(",", offer.tiers().stream().map(Tier::name).toList()),
                "stages", String.join(",", offer.stages().stream().map(Stage::code).toList()), "segment", offer.segment(),
                "from", offer.validFrom() == null ? null : offer.validFrom().toString(),
                "until", offer.validUntil() == null ? null : offer.validUntil().toString(),
                "codeDays", offer.codeValidDays(), "perCustomer", offer.perCustomer(), "stock", offer.stock(),
                "personal", offer.personal() ? 1 : 0, "shared", offer.code(), "listed", offer.listed() ? 1 : 0,
                "source", source.name().toLowerCase(java.util.Locale.ROOT), "active", offer.active() ? 1 : 0,
                "now", now.getEpochSecond());
    }

    private static Offer map(ResultSet row) throws SQLException {
        int codeDays = row.getInt("code_days");
        Integer days = row.wasNull() ? null : codeDays;
        int stock = row.getInt("stock");
        Integer stockOrNull = row.wasNull() ? null : stock;
        return new Offer(row.getString("id"), row.getString("title"), row.getString("body"),
                words(row.getString("tiers")).stream().map(Tier::parse).toList(),
                words(row.getString("stages")).stream().map(Stage::parse).toList(), row.getString("segment"),
                date(row.getString("valid_from")), date(row.getString("valid_until")), days, row.getInt("per_customer"),
                stockOrNull, row.getInt("personal") == 1, row.getString("shared_code"), row.getInt("listed") == 1,
                row.getInt("active") == 1);
    }

    private static List<String> words(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
    }

    private static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }
}
