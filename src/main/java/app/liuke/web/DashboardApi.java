package app.liuke.web;

import app.liuke.report.Period;
import app.liuke.report.Reports;
import app.liuke.report.Trends;
import app.liuke.store.Database;
import app.liuke.workbench.TodoItem;
import app.liuke.workbench.TodoScope;
import app.liuke.workbench.Todos;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The dashboard at {@code /} (a page and its scripts, Chart.js from the WebJar; the data comes from
 * {@code /api} with the admin token the page asks for), and the data only it needs: trends, campaign
 * funnels, the to-do list and a customer's survey answers.
 */
final class DashboardApi {
    /** Chart.js from its WebJar (see pom.xml); the version is the WebJar's. */
    static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.js";
    private static final Map<String, String[]> FILES = Map.of(
            "dashboard.js", new String[] {"/web/dashboard.js", "text/javascript; charset=utf-8"},
            "dashboard.css", new String[] {"/web/dashboard.css", "text/css; charset=utf-8"},
            "chart.umd.js", new String[] {CHART_JS, "text/javascript; charset=utf-8"});
    private static final int TODO_ROWS = 200;
    private final Reports reports;
    private final Trends trends;
    private final Todos todos;
    private final Database database;
    private final Clock clock;
    private final java.util.Locale shopLocale;

    DashboardApi(Reports reports, Trends trends, Todos todos, Database database, Clock clock, java.util.Locale shopLocale) {
        this.shopLocale = shopLocale;
        this.reports = reports;
        this.trends = trends;
        this.todos = todos;
        this.database = database;
        this.clock = clock;
    }

    void page(Context ctx) {
        WebAssets.servePage(ctx, "/web/dashboard.html", shopLocale);
    }

    void file(Context ctx) {
        String[] file = FILES.get(ctx.pathParam("file"));
        if (file == null) {
            throw new app.liuke.shared.NotFound("file", "error.route.notFound", "GET", ctx.path());
        }
        WebAssets.serve(ctx, file[0], file[1]);
    }

    private Period period(Context ctx) {
        return ReportApi.period(ctx, reports, clock);
    }

    record TrendView(LocalDate from, LocalDate to, List<Trends.Distribution> distribution, List<Trends.Satisfaction> satisfaction) {
    }

    void trends(Context ctx) {
        Period period = period(ctx);
        ctx.json(database.read(handle -> new TrendView(period.from(), period.to(), trends.distribution(handle, period),
                trends.satisfaction(handle, period))));
    }

    record CampaignView(LocalDate from, LocalDate to, List<Trends.Funnel> funnels, Trends.Reactivation reactivation) {
    }

    void campaigns(Context ctx) {
        Period period = period(ctx);
        ctx.json(database.read(handle -> new CampaignView(period.from(), period.to(), trends.funnels(handle, period),
                trends.reactivation(handle, period))));
    }

    record TodoView(long count, List<TodoItem> items) {
    }

    /** {@code ?staffId=} one member's list, {@code ?groupId=} a group's, neither: the whole shop's. */
    void todo(Context ctx) {
        Long staffId = optionalId(ctx, "staffId");
        Long groupId = optionalId(ctx, "groupId");
        TodoScope scope = staffId != null ? TodoScope.staff(staffId) : groupId != null ? TodoScope.group(groupId) : TodoScope.everyone();
        List<TodoItem> items = database.read(handle -> todos.list(handle, scope, clock.instant()));
        ctx.json(new TodoView(items.size(), items.subList(0, Math.min(items.size(), TODO_ROWS))));
    }

    private static Long optionalId(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.strip().matches("\\d{1,18}")) {
            throw new BadRequest(name, "error.id.invalid", value.length() > 20 ? value.substring(0, 20) : value);
        }
        return Long.parseLong(value.strip());
    }

    record AnswerView(String survey, String question, String kind, Integer score, String choice, String text, String answeredAt) {
    }

    void surveyAnswers(Context ctx) {
        long id = Requests.id(ctx, "id");
        var zone = reports.zone();
        ctx.json(database.read(handle -> handle.query("""
                SELECT r.survey, a.question, a.kind, a.score, a.choice, a.text, a.answered_at FROM survey_answer a
                JOIN survey_response r ON r.id = a.response_id WHERE r.customer_id = :id ORDER BY a.answered_at DESC LIMIT 100""",
                row -> {
                    int score = row.getInt(4);
                    Integer scored = row.wasNull() ? null : score;
                    return new AnswerView(row.getString(1), row.getString(2), row.getString(3), scored, row.getString(5), row.getString(6),
                            java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochSecond(row.getLong(7)), zone).toString().replace('T', ' '));
                }, "id", id)));
    }
}
