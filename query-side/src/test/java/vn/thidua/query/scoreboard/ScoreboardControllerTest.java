package vn.thidua.query.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScoreboardControllerTest {

    @Test
    void gzipIsServedWhenNamedAndNotRefused() {
        assertThat(ScoreboardController.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(ScoreboardController.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
        assertThat(ScoreboardController.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(ScoreboardController.acceptsGzip("gzip; q=0.000")).isFalse();
        assertThat(ScoreboardController.acceptsGzip("gzip;q=nonsense")).isTrue();
        assertThat(ScoreboardController.acceptsGzip("identity")).isFalse();
        assertThat(ScoreboardController.acceptsGzip("x-gzip2")).isFalse();
        assertThat(ScoreboardController.acceptsGzip(null)).isFalse();
    }
}
