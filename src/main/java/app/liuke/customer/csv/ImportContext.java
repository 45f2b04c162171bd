package app.liuke.customer.csv;

import app.liuke.shared.FlexibleDates;
import app.liuke.shared.Texts;
import app.liuke.staff.StaffDirectory;
import app.liuke.store.Database;
import app.liuke.tier.Classifier;
import java.time.Clock;

/** What every import needs besides its own service. Immutable. */
public record ImportContext(Database database, StaffDirectory staff, FlexibleDates dates, Texts texts,
                            Classifier classifier, Clock clock) {
}
