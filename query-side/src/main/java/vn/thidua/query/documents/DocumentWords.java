package vn.thidua.query.documents;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

import vn.thidua.query.narration.Text;

/** The documents' words in Vietnamese (the default) or English, from {@code documents/labels_*.properties}. */
final class DocumentWords {

    private static final DocumentWords VIETNAMESE = load("vi");
    private static final DocumentWords ENGLISH = load("en");

    private final String language;
    private final Properties words;

    private DocumentWords(String language, Properties words) {
        this.language = language;
        this.words = words;
    }

    static DocumentWords of(Locale locale) {
        return "en".equals(locale.getLanguage()) ? ENGLISH : VIETNAMESE;
    }

    String language() {
        return language;
    }

    /** The text in this language. */
    String pick(Text text) {
        return "en".equals(language) ? text.en() : text.vi();
    }

    String text(String key, Object... particulars) {
        String pattern = words.getProperty(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no document words for " + key);
        }
        return particulars.length == 0 ? pattern : String.format(Locale.ROOT, pattern, particulars);
    }

    private static DocumentWords load(String language) {
        Properties words = new Properties();
        try (Reader reader = new InputStreamReader(DocumentWords.class.getResourceAsStream(
                "/documents/labels_" + language + ".properties"), StandardCharsets.UTF_8)) {
            words.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DocumentWords(language, words);
    }
}
