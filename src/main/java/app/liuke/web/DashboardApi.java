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
    private final java.util.function.Function<String, java.util.Optional<app.liuke.survey.Survey>> surveys;

    DashboardApi(Reports reports, Trends trends, Todos todos, Database database, Clock clock, java.util.Locale shopLocale,
                 java.util.function.Function<String, java.util.Optional<app.liuke.survey.Survey>> surveys) {
        this.shopLocale = shopLocale;
        this.surveys = surveys;
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

    /**
     * One answer as a person reads it: the survey's title and the question's text in the page's
     * language, the answer (a score, the chosen option's words, or the text), and whether the score is
     * a low one (CSAT 2 or less, NPS 6 or less). {@code survey} and {@code question} keep the ids.
     */
    record AnswerView(String survey, String question, String kind, Integer score, String choice, String text, String answeredAt,
                      String surveyTitle, String questionText, String answer, boolean low) {
    }

    void surveyAnswers(Context ctx) {
        long id = Requests.id(ctx, "id");
        String lang = ctx.queryParam("lang");
        String language = lang == null || lang.isBlank() ? shopLanguage()
                : switch (lang.strip().toLowerCase(java.util.Locale.ROOT)) {
                    case "zh" -> "zh-CN";
                    case "en" -> "en";
                    default -> throw new app.liuke.shared.InvalidInput("lang", "error.lang", lang.length() > 10 ? lang.substring(0, 10) : lang);
                };
        var zone = reports.zone();
        ctx.json(database.read(handle -> handle.query("""
                SELECT r.survey, a.question, a.kind, a.score, a.choice, a.text, a.answered_at FROM survey_answer a
                JOIN survey_response r ON r.id = a.response_id WHERE r.customer_id = :id ORDER BY a.answered_at DESC LIMIT 100""",
                row -> {
                    int score = row.getInt(4);
                    Integer scored = row.wasNull() ? null : score;
                    String surveyId = row.getString(1);
                    String questionId = row.getString(2);
                    String choice = row.getString(5);
                    String text = row.getString(6);
                    var survey = surveys.apply(surveyId);
                    var question = survey.flatMap(s -> s.questions().stream().filter(q -> q.id().equals(questionId)).findFirst());
                    String answer = scored != null ? String.valueOf(scored)
                            : choice != null ? question.flatMap(q -> q.choice(choice)).map(c -> c.text().in(language)).orElse(choice)
                            : text == null ? "-" : text;
                    return new AnswerView(surveyId, questionId, row.getString(3), scored, choice, text,
                            java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochSecond(row.getLong(7)), zone).toString().replace('T', ' '),
                            survey.map(s -> s.title().in(language)).orElse(surveyId),
                            question.map(q -> q.text().in(language)).orElse(questionId), answer,
                            scored != null && question.map(q -> q.low(scored)).orElse(false));
                }, "id", id)));
    }

    private String shopLanguage() {
        return shopLocale.getLanguage().equals("zh") ? "zh-CN" : "en";
    }
}
