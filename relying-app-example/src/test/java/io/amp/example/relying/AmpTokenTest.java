package io.amp.example.relying;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AmpTokenTest {

    private static AmpToken token(Optional<AmpToken.Elevation> elevation) {
        return new AmpToken("sub", "erin.er", "ehr", List.of("ehr"), Set.of("access-to-message-center", "charts", "emergency-charts"),
                Map.of(), new AmpToken.Sites.Absent(), elevation, "jwt");
    }

    @Test
    void withoutElevationEveryPermissionCounts() {
        assertThat(token(Optional.empty()).permissionsAt(Long.MAX_VALUE)).containsExactlyInAnyOrder("access-to-message-center", "charts",
                "emergency-charts");
    }

    @Test
    void elevatedPermissionsStopAtUntil() {
        AmpToken token = token(Optional.of(new AmpToken.Elevation("emergency-access", 1_000, Set.of("emergency-charts"))));
        assertThat(token.permissionsAt(999)).contains("emergency-charts");
        assertThat(token.permissionsAt(1_000)).containsExactlyInAnyOrder("access-to-message-center", "charts");
    }
}
