package app.liuke.web;

/** The JSON body of every 4xx (and the rare 5xx): {@code {"error": "...", "detail": "...", "field": "..."}}. */
public record ApiError(String error, String detail, String field) {
}
