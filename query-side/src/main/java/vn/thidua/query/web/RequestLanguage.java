package vn.thidua.query.web;

import java.util.List;
import java.util.Locale;

/**
 * The language a reader asked for: Vietnamese unless the request's {@code Accept-Language} puts English first.
 * Documents and spreadsheets are Vietnamese by default whatever the server's own locale is.
 */
public final class RequestLanguage {

    private RequestLanguage() {
    }

    public static Locale of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.forLanguageTag("vi");
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
            return !ranges.isEmpty() && ranges.get(0).getRange().startsWith("en") ? Locale.ENGLISH
                    : Locale.forLanguageTag("vi");
        } catch (IllegalArgumentException e) {
            return Locale.forLanguageTag("vi");
        }
    }
}
