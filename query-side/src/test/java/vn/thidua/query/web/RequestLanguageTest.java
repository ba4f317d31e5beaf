package vn.thidua.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLanguageTest {

    @Test
    void vietnameseUnlessEnglishComesFirst() {
        assertThat(RequestLanguage.of(null).getLanguage()).isEqualTo("vi");
        assertThat(RequestLanguage.of("").getLanguage()).isEqualTo("vi");
        assertThat(RequestLanguage.of("vi-VN,vi;q=0.9,en;q=0.8").getLanguage()).isEqualTo("vi");
        assertThat(RequestLanguage.of("en-GB,en;q=0.9").getLanguage()).isEqualTo("en");
        assertThat(RequestLanguage.of("fr,en;q=0.5").getLanguage()).isEqualTo("vi");
        assertThat(RequestLanguage.of("not a range;;").getLanguage()).isEqualTo("vi");
    }
}
