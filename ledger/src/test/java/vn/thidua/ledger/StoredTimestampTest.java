package vn.thidua.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.IntRange;

class StoredTimestampTest {

    @Property
    void readsWhatInstantWritesAsInstantReadsIt(@ForAll @LongRange(min = -62_000_000_000L, max = 253_000_000_000L)
                                                long seconds, @ForAll("nanos") int nanos) {
        Instant written = Instant.ofEpochSecond(seconds, nanos);
        assertThat(StoredTimestamp.parse(written.toString())).isEqualTo(written)
                .isEqualTo(Instant.parse(written.toString()));
    }

    /** Whole seconds, milliseconds, microseconds and nanoseconds: each makes a fraction of another length. */
    @Provide
    Arbitrary<Integer> nanos() {
        return Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
    }

    @Property
    void aFractionOfAnyLengthIsReadAsInstantReadsIt(@ForAll @IntRange(min = 1, max = 9) int digits,
                                                    @ForAll @IntRange(min = 0, max = 999_999_999) int value) {
        String fraction = String.format("%09d", value).substring(0, digits);
        String text = "2017-12-31T23:59:59." + fraction + "Z";
        assertThat(StoredTimestamp.parse(text)).isEqualTo(Instant.parse(text));
    }

    /** Other texts, near the shape or not: the same instant as {@link Instant#parse} gives, or its refusal. */
    @Property
    void anyOtherTextIsReadOrRefusedAsInstantDoes(@ForAll("otherTexts") String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeParseException refused) {
            assertThatThrownBy(() -> StoredTimestamp.parse(text)).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(StoredTimestamp.parse(text)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> otherTexts() {
        return Arbitraries.of("2017-01-01T00:00:00+07:00", "+12017-01-01T00:00:00Z", "2016-12-31T23:59:60Z",
                "2017-01-01t00:00:00z", "2017-01-01T00:00Z", "2017-01-01T24:00:00Z", "2017-02-29T00:00:00Z",
                "2016-02-29T00:00:00Z", "2017-13-01T00:00:00Z", "2017-01-01T00:60:00Z", "2017-01-01T00:00:00.Z",
                "2017-01-01T00:00:00.1234567890Z", "2017-0a-01T00:00:00Z", "2017-01-01 00:00:00Z", "",
                "2017-01-01T00:00:00", "0000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z");
    }
}
