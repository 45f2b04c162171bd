package app.liuke.web;

import app.liuke.shared.InvalidInput;

/** Malformed HTTP input (bad JSON, a path id that is not a number): a 400. */
final class BadRequest extends InvalidInput {
    BadRequest(String field, String textKey, Object... args) {
        super(field, textKey, args);
    }
}
