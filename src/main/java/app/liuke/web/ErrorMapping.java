package app.liuke.web;

import app.liuke.shared.Conflict;
import app.liuke.shared.InvalidInput;
import app.liuke.shared.NotFound;
import app.liuke.shared.Texts;
import app.liuke.store.DataException;
import app.liuke.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns exceptions into JSON errors. A 5xx is a bug and is logged with an incident id. */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
    private final Texts texts;
    private final long maxRequestBytes;

    ErrorMapping(Texts texts, long maxRequestBytes) {
        this.texts = texts;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** A body declared larger than the limit is refused from its Content-Length, before a byte of it is read. */
    void refuseOversized(io.javalin.http.Context ctx) {
        if (ctx.contentLength() > maxRequestBytes) {
            throw new HttpResponseException(413, "request body too large");
        }
    }

    void declare(RoutesConfig routes) {
        routes.before(this::refuseOversized);
        routes.exception(AdminAuth.Refused.class, (e, ctx) -> answer(ctx, e.status(), e.code(), texts.explain(e), null));
        routes.exception(InvalidInput.class, (e, ctx) -> answer(ctx, status(e), code(e), texts.explain(e), e.field()));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 413) {
                answer(ctx, 413, "too_large", texts.get("error.body.tooLarge", maxRequestBytes), "body");
            } else if (e.getStatus() == 404 || e.getStatus() == 405) {
                answer(ctx, e.getStatus(), e.getStatus() == 404 ? "not_found" : "method_not_allowed",
                        texts.get("error.route.notFound", ctx.method(), ctx.path()), null);
            } else {
                answer(ctx, e.getStatus(), "http_" + e.getStatus(), e.getMessage(), null);
            }
        });
        routes.exception(DataException.class, (e, ctx) -> {
            if (Database.isBusy(e)) {
                LOG.warn("database busy on {} {}", ctx.method(), ctx.path());
                ctx.header("Retry-After", "5");
                answer(ctx, 503, "busy", texts.get("error.busy"), null);
            } else {
                internal(e, ctx);
            }
        });
        routes.exception(Exception.class, this::internal);

        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                answer(ctx, 404, "not_found", texts.get("error.route.notFound", ctx.method(), ctx.path()), null);
            }
        });
        routes.error(405, ctx -> answer(ctx, 405, "method_not_allowed",
                texts.get("error.route.notFound", ctx.method(), ctx.path()), null));
    }

    private void internal(Exception e, Context ctx) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("incident {} on {} {}", incident, ctx.method(), ctx.path(), e);
        answer(ctx, 500, "internal", texts.get("error.internal") + " (" + incident + ")", null);
    }

    private static int status(InvalidInput e) {
        if (e instanceof NotFound) {
            return 404;
        }
        return e instanceof Conflict ? 409 : 400;
    }

    private static String code(InvalidInput e) {
        if (e instanceof NotFound) {
            return "not_found";
        }
        return e instanceof Conflict ? "conflict" : "invalid";
    }

    private static void answer(Context ctx, int status, String code, String detail, String field) {
        ctx.status(status).json(new ApiError(code, detail, field));
    }
}
