package app.liuke.web;

import app.liuke.report.Dimension;
import app.liuke.report.Period;
import app.liuke.report.RegistrationRow;
import app.liuke.report.ReportCsv;
import app.liuke.report.Reports;
import app.liuke.store.Database;
import app.liuke.store.Handle;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Thin handlers for {@code /api/reports}: the summary, sales by a dimension, satisfaction and
 * reactivation by a dimension, and registrations against quota, over {@code ?from=2026-03-01&to=2026-03-31} (default: this month so far); {@code ?format=csv}
 * gives the table as a CSV download.
 */
final class ReportApi {
    private final Reports reports;
    private final Database database;
    private final Clock clock;

    ReportApi(Reports reports, Database database, Clock clock) {
        this.reports = reports;
        this.database = database;
        this.clock = clock;
    }

    /** A report by a dimension: sales or service. */
    record ByDimension<R>(LocalDate from, LocalDate to, String by, List<R> rows) {
    }

    private interface Rows<R> {
        List<R> read(Handle handle, Period period, Dimension by);
    }

    record Registrations(LocalDate from, LocalDate to, List<RegistrationRow> rows) {
    }

    private Period period(Context ctx) {
        return period(ctx, reports, clock);
    }

    /** {@code ?from=&to=} in the shop's days (default: this month so far). */
    static Period period(Context ctx, Reports reports, Clock clock) {
        return Period.parse(ctx.queryParam("from"), ctx.queryParam("to"), LocalDate.now(clock.withZone(reports.zone())));
    }

    private static boolean csv(Context ctx) {
        String format = ctx.queryParam("format");
        if (format == null || format.isBlank() || format.equals("json")) {
            return false;
        }
        if (format.equals("csv")) {
            return true;
        }
        throw new BadRequest("format", "error.report.format", format.length() > 20 ? format.substring(0, 20) : format);
    }

    private static void download(Context ctx, String name, Period period, String body) {
        ctx.contentType("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"liuke-" + name + "-" + period.from() + "-" + period.to() + ".csv\"")
                .result(body);
    }

    void summary(Context ctx) {
        Period period = period(ctx);
        ctx.json(database.read(handle -> reports.summary(handle, period, clock.instant())));
    }

    void sales(Context ctx) {
        byDimension(ctx, "sales", reports::sales, ReportCsv::sales);
    }

    void service(Context ctx) {
        byDimension(ctx, "service", reports::service, ReportCsv::service);
    }

    private <R> void byDimension(Context ctx, String name, Rows<R> report, BiFunction<Dimension, List<R>, String> toCsv) {
        Period period = period(ctx);
        Dimension by = Dimension.parse(ctx.queryParam("by"));
        boolean csv = csv(ctx);
        List<R> rows = database.read(handle -> report.read(handle, period, by));
        if (csv) {
            download(ctx, name + "-by-" + by.id(), period, toCsv.apply(by, rows));
        } else {
            ctx.json(new ByDimension<>(period.from(), period.to(), by.id(), rows));
        }
    }

    void registrations(Context ctx) {
        Period period = period(ctx);
        boolean csv = csv(ctx);
        List<RegistrationRow> rows = database.read(handle -> reports.registrations(handle, period));
        if (csv) {
            download(ctx, "registrations", period, ReportCsv.registrations(rows));
        } else {
            ctx.json(new Registrations(period.from(), period.to(), rows));
        }
    }
}
