package app.liuke.customer;

/** What saving a customer did: created a record, changed one, found nothing to change, or merged duplicates. */
public record UpsertResult(long customerId, Outcome outcome) {
    public enum Outcome { CREATED, UPDATED, UNCHANGED, MERGED }
}
