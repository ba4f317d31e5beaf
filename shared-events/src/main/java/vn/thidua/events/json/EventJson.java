package vn.thidua.events.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of the published language, shared by whoever writes or reads events: instants and dates as ISO-8601
 * strings, numbers as plain decimals, and unknown fields ignored so that an older reader tolerates a newer event.
 */
public final class EventJson {

    private EventJson() {
    }

    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    public static JsonMapper mapper() {
        return configure(JsonMapper.builder()).build();
    }
}
