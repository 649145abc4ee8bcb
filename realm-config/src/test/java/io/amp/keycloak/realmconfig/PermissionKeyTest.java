package io.amp.keycloak.realmconfig;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermissionKeyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("Given a seed name, then its key is the lower-case kebab form of DESIGN section 5")
    @CsvSource(delimiter = '|', value = {
            "Sword Tools                 | sword-tools",
            "Access to eRx               | access-to-erx",
            "Sign/Lock Clinical Notes    | sign-lock-clinical-notes",
            "ePS Enrollment (Edit)       | eps-enrollment-edit",
            "CS/CX - Admin               | cs-cx-admin",
            "BizDev Permissions          | bizdev-permissions",
            "Bizdev Permissions          | bizdev-permissions",
            "Accounting/Finance          | accounting-finance",
    })
    void kebabKey(String name, String key) {
        assertThat(PermissionKey.of(name)).isEqualTo(key);
    }

    @Test
    @DisplayName("Given a name with no letter or digit, then no key is made")
    void emptyKeyRefused() {
        assertThatThrownBy(() -> PermissionKey.of(" / - ")).isInstanceOf(IllegalArgumentException.class);
    }
}
