package io.amp.keycloak.rules.scope;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderScopeTest {

    @Test
    @DisplayName("Given a permission on, then that feature spans the practice group; off, only the primary provider")
    void scopePerFeature() {
        assertThat(ProviderScope.of(Set.of("share-patients", "access-billing")))
                .containsEntry("share-patients", "practice_group")
                .containsEntry("provider-dropdown", "primary_provider")
                .containsEntry("appointment-provider-selection", "primary_provider")
                .containsEntry("view-practice-group", "primary_provider")
                .hasSize(4);
    }
}
