package app.liuke.web;

import app.liuke.shared.FlexibleDates;
import app.liuke.shared.InvalidInput;
import app.liuke.shared.NotFound;
import app.liuke.staff.StaffDirectory;
import app.liuke.staff.StaffMember;
import app.liuke.store.Database;
import app.liuke.survey.Survey;
import app.liuke.survey.SurveyEngine;
import app.liuke.survey.SurveyResults;
import app.liuke.survey.SurveySender;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/** Thin handlers for {@code /api/surveys}: results with filters, and sending a survey to a customer. */
final class SurveyApi {
    private final SurveySender sender;
    private final Database database;
    private final StaffDirectory staff;
    private final Requests requests;
    private final FlexibleDates dates;
    private final String shopLanguage;
    private final Clock clock;

    SurveyApi(SurveySender sender, Database database, StaffDirectory staff, Requests requests, FlexibleDates dates,
              String shopLanguage, Clock clock) {
        this.sender = sender;
        this.database = database;
        this.staff = staff;
        this.requests = requests;
        this.dates = dates;
        this.shopLanguage = shopLanguage;
        this.clock = clock;
    }

    record SendBody(Long customerId, String occurrence) {
    }

    record SendView(String outcome, Long responseId) {
    }

    /** {@code ?from=2026-11-01&to=2026-11-30} (shop dates, inclusive), {@code &store=}, {@code &staff=} (id or name), {@code &lang=en}. */
    void results(Context ctx) {
        Survey survey = survey(ctx.pathParam("id"));
        Instant from = ctx.queryParam("from") == null ? Instant.EPOCH : dates.parse("from", ctx.queryParam("from"));
        Instant to = ctx.queryParam("to") == null ? Instant.parse("9999-01-01T00:00:00Z")
                : endOfDay(dates.parse("to", ctx.queryParam("to")));
        if (!from.isBefore(to)) {
            throw new BadRequest("to", "error.period.invalid", ctx.queryParam("from"), ctx.queryParam("to"));
        }
        String language = "en".equalsIgnoreCase(ctx.queryParam("lang")) ? "en" : shopLanguage;
        ctx.json(database.read(handle -> {
            Long staffId = staffId(handle, ctx.queryParam("staff"));
            return SurveyResults.of(handle, survey, language, new SurveyResults.Filter(from, to, blankToNull(ctx.queryParam("store")), staffId));
        }));
    }

    void send(Context ctx) {
        Survey survey = survey(ctx.pathParam("id"));
        SendBody body = requests.body(ctx, SendBody.class);
        if (body.customerId() == null || body.customerId() <= 0) {
            throw new BadRequest("customerId", "error.id.invalid", String.valueOf(body.customerId()));
        }
        String occurrence = body.occurrence() == null || body.occurrence().isBlank()
                ? "api-" + dates.today(clock) : body.occurrence().strip();
        if (occurrence.length() > 64) {
            throw new BadRequest("occurrence", "error.text.tooLong", 64);
        }
        SurveyEngine.Started started = sender.send(survey.id(), body.customerId(), occurrence);
        ctx.status(started.outcome() == SurveyEngine.Outcome.STARTED ? 201 : 200)
                .json(new SendView(started.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'), started.responseId()));
    }

    private Survey survey(String id) {
        return sender.engine().survey(id).orElseThrow(() -> new NotFound("id", "error.survey.notFound",
                id.length() > 30 ? id.substring(0, 30) + "…" : id));
    }

    private Long staffId(app.liuke.store.Handle handle, String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        var member = given.matches("\\d{1,18}") ? staff.byId(handle, Long.parseLong(given)) : staff.byName(handle, given.strip());
        return member.map(StaffMember::id).orElseThrow(() -> new InvalidInput("staff", "error.staff.notFound", given.strip()));
    }

    private Instant endOfDay(Instant startOfDay) {
        return LocalDate.ofInstant(startOfDay, dates.zone()).plusDays(1).atStartOfDay(dates.zone()).toInstant();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
