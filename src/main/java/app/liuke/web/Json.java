package app.liuke.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration: strict on input (unknown fields, a field given twice, and a value of the
 * wrong type are errors: {@code "name": 123}, {@code "amount": "12.5"} and {@code "delta": 1.5} are
 * refused, not coerced), tidy on output.
 */
public final class Json {
    private Json() {
    }

    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(com.fasterxml.jackson.databind.type.LogicalType.Textual, config -> config
                        .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                                com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                        .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
                                com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                        .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean,
                                com.fasterxml.jackson.databind.cfg.CoercionAction.Fail))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
    }
}
