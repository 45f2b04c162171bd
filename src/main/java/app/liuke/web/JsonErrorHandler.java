package app.liuke.web;

import app.liuke.shared.Texts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers itself, before a request reaches a route (a path with {@code %00}, a malformed
 * request line): the same JSON error as every other refusal, in the shop's language, instead of
 * Jetty's HTML page. Never a stack trace. Thread-safe.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final Texts texts;

    JsonErrorHandler(Texts texts) {
        this.texts = texts;
    }

    private byte[] body(int status) {
        String detail = texts.get(status == 400 ? "error.request.malformed" : "error.request.refused", status);
        return ("{\"error\":\"" + (status == 400 ? "bad_request" : "refused") + "\",\"detail\":\"" + detail.replace("\"", "'")
                + "\",\"field\":null}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8"));
        return ByteBuffer.wrap(body(status));
    }
}
