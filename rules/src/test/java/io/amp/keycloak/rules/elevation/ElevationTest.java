package io.amp.keycloak.rules.elevation;

import io.amp.keycloak.rules.elevation.Elevation.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElevationTest {

    private final Elevation elevation = new Elevation("e1", Kind.EMERGENCY_ACCESS, "client-1", 10_000, 70_000);

    @Test
    void countsFromItsStartUpToButNotIncludingItsEnd() {
        assertThat(elevation.activeAt(9_999)).isFalse();
        assertThat(elevation.activeAt(10_000)).isTrue();
        assertThat(elevation.activeAt(69_999)).isTrue();
        assertThat(elevation.activeAt(70_000)).isFalse();
    }

    @Test
    void tokensCarryingItAreInactiveAtKeycloakFromTheEndOn() {
        // Keycloak: active while the current second <= exp. With exp = 69 a token is active up to 69.999 s.
        assertThat(elevation.until()).isEqualTo(70);
        assertThat(elevation.latestTokenExpiry()).isEqualTo(69);
        assertThat(new Elevation("e", Kind.BREAK_THE_GLASS, "c", 0, 70_999).latestTokenExpiry()).isEqualTo(69);
    }

    @Test
    void travelsThroughTheSessionNoteUnchanged() {
        assertThat(Elevation.fromNote(elevation.toNote())).contains(elevation);
        Elevation btg = new Elevation("e2", Kind.BREAK_THE_GLASS, "c2", 1, 2);
        assertThat(Elevation.fromNote(btg.toNote())).contains(btg);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "e1|EMERGENCY_ACCESS|c|1", "e1|EMERGENCY_ACCESS|c|1|2|3", "e1|ROOT|c|1|2",
            "e1|EMERGENCY_ACCESS|c|x|2", "e1|EMERGENCY_ACCESS|c|5|5", "|EMERGENCY_ACCESS|c|1|2", "e1|EMERGENCY_ACCESS||1|2"})
    void anUnreadableNoteIsNoElevation(String note) {
        assertThat(Elevation.fromNote(note)).isEmpty();
    }

    @Test
    void kindsHaveTheirApiNames() {
        assertThat(Kind.EMERGENCY_ACCESS.key()).isEqualTo("emergency-access");
        assertThat(Kind.BREAK_THE_GLASS.key()).isEqualTo("break-the-glass");
    }

    @Test
    void anElevationEndsAfterItStarts() {
        assertThatThrownBy(() -> new Elevation("e", Kind.BREAK_THE_GLASS, "c", 5, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
