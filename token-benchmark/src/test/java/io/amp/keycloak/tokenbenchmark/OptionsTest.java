package io.amp.keycloak.tokenbenchmark;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    @DisplayName("Without options, a run is the issue's method: 3 rounds of 15 s, 2 clients, both databases, SQL counted")
    void defaults() {
        Options options = Options.parse(List.of("--distribution", "kc"));
        assertThat(options.seconds()).isEqualTo(15);
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.clients()).isEqualTo(2);
        assertThat(options.databases()).containsExactly(Database.EMBEDDED, Database.POSTGRES);
        assertThat(options.sql()).isTrue();
        assertThat(options.scale()).isFalse();
        assertThat(options.profile()).isNull();
        assertThat(options.distribution()).isEqualTo(Path.of("kc"));
        assertThat(options.runs("refresh-ehr")).isTrue();
    }

    @Test
    @DisplayName("A short trial on one database, some scenarios, a profile")
    void trial() {
        Options options = Options.parse(List.of("--seconds", "3", "--rounds", "1", "--clients", "4", "--db", "embedded",
                "--scenario", "refresh-ehr,password-ehr", "--profile", "refresh-ehr", "--no-sql", "--distribution", "kc",
                "--postgres", "jdbc:postgresql://db:5432"));
        assertThat(options.seconds()).isEqualTo(3);
        assertThat(options.rounds()).isEqualTo(1);
        assertThat(options.clients()).isEqualTo(4);
        assertThat(options.databases()).containsExactly(Database.EMBEDDED);
        assertThat(options.runs("refresh-ehr")).isTrue();
        assertThat(options.runs("refresh-portal")).isFalse();
        assertThat(options.profile()).isEqualTo("refresh-ehr");
        assertThat(options.sql()).isFalse();
        assertThat(options.postgresUrl()).isEqualTo("jdbc:postgresql://db:5432/");
    }

    @Test
    @DisplayName("Scale options")
    void scale() {
        Options options = Options.parse(List.of("--scale", "--scale-fraction", "0.01", "--writers", "5", "--distribution", "kc"));
        assertThat(options.scale()).isTrue();
        assertThat(options.scaleFraction()).isEqualTo(0.01);
        assertThat(options.writers()).isEqualTo(5);
    }

    @Test
    @DisplayName("Bad options are refused with a reason")
    void refused() {
        assertThatThrownBy(() -> Options.parse(List.of("--seconds", "0", "--distribution", "kc"))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Options.parse(List.of("--rounds", "many", "--distribution", "kc"))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Options.parse(List.of("--db", "oracle", "--distribution", "kc"))).hasMessageContaining("all, embedded or postgres");
        assertThatThrownBy(() -> Options.parse(List.of("--fast", "--distribution", "kc"))).hasMessageContaining("Unknown option '--fast'");
        assertThatThrownBy(() -> Options.parse(List.of("--seconds"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse(List.of("--scale-fraction", "2", "--distribution", "kc"))).hasMessageContaining("at most 1");
        assertThatThrownBy(() -> Options.parse(List.of())).hasMessageContaining("--distribution");
        assertThatThrownBy(() -> Options.parse(List.of("--scenario", "a", "--profile", "b", "--distribution", "kc")))
                .hasMessageContaining("--profile b");
    }
}
