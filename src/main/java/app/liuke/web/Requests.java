package app.liuke.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.IOException;

/** Reads request input strictly: JSON bodies, numeric ids, paging. Never trusts what it is given. */
final class Requests {
    private final ObjectMapper json;

    Requests(ObjectMapper json) {
        this.json = json;
    }

    <T> T body(Context ctx, Class<T> type) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw new BadRequest("body", "error.json.invalid", "empty body");
        }
        try {
            T value = json.readValue(bytes, type);
            if (value == null) {
                throw new BadRequest("body", "error.json.invalid", "null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new BadRequest(e.getPropertyName(), "error.json.field", e.getPropertyName());
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "body" : String.valueOf(e.getPath().get(e.getPath().size() - 1).getFieldName());
            throw new BadRequest(field, "error.json.field", field);
        } catch (JsonProcessingException e) {
            var duplicate = java.util.regex.Pattern.compile("Duplicate field '([^']{1,64})'").matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.find()) {
                throw new BadRequest(duplicate.group(1), "error.json.duplicate", duplicate.group(1));
            }
            throw new BadRequest("body", "error.json.invalid", e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest("body", "error.json.invalid", e.getMessage());
        }
    }

    static long id(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the explanation below
        }
        throw new BadRequest(name, "error.id.invalid", raw.length() > 20 ? raw.substring(0, 20) + "…" : raw);
    }

    /** A whole-number query parameter within {@code min}..{@code max}; outside it (say {@code limit=-1}) is a 400 naming it. */
    static int boundedInt(Context ctx, String name, int fallback, int min, int max) {
        int value = intParam(ctx, name, fallback);
        if (value < min || value > max) {
            throw new BadRequest(name, "error.param.range", name, min, max);
        }
        return value;
    }

    static int intParam(Context ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new BadRequest(name, "error.id.invalid", raw.length() > 20 ? raw.substring(0, 20) + "…" : raw);
        }
    }
}
