package io.amp.keycloak.permissions.protocol.mappers.oidc;

import io.amp.keycloak.permissions.PermissionsContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.ProtocolMapperUtils;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientRolesProtocolMapperTest {

    /** Role name to its kind attribute; a name missing here has none (or is no role of the client). */
    private static final Map<String, String> KINDS = new HashMap<>(Map.of(
            "account-settings", "permission",
            "access-to-message-center", "permission",
            "sales-admin", "department-role",
            "reports-reader", "application-role"));

    @Test
    @DisplayName("Given a client's resolved roles, then permissions and department roles are left out and every other role kept, in order")
    void leavesOutCatalogRoles() {
        List<String> resolved = List.of("manage-account", "account-settings", "sales-admin", "reports-reader",
                "access-to-message-center", "view-profile");

        assertThat(ClientRolesProtocolMapper.withoutCatalogRoles(resolved, KINDS::get))
                .containsExactly("manage-account", "reports-reader", "view-profile");
    }

    @Test
    @DisplayName("Given only catalog roles, then nothing is left to map")
    void onlyCatalogRoles() {
        assertThat(ClientRolesProtocolMapper.withoutCatalogRoles(List.of("account-settings", "sales-admin"), KINDS::get)).isEmpty();
    }

    @ParameterizedTest(name = "kind ''{0}''")
    @ValueSource(strings = {"", "Permission", "permissions", "department", "department-role ", "application-role"})
    @DisplayName("Given a kind that is not exactly permission or department-role, then the role is an ordinary role")
    void otherKindsAreOrdinary(String kind) {
        assertThat(ClientRolesProtocolMapper.isCatalogKind(kind)).isFalse();
    }

    @Test
    @DisplayName("Given the kinds of PermissionsContract, then they mark catalog roles; no kind marks none")
    void catalogKinds() {
        assertThat(ClientRolesProtocolMapper.isCatalogKind(PermissionsContract.KIND_PERMISSION)).isTrue();
        assertThat(ClientRolesProtocolMapper.isCatalogKind(PermissionsContract.KIND_DEPARTMENT_ROLE)).isTrue();
        assertThat(ClientRolesProtocolMapper.isCatalogKind(null)).isFalse();
    }

    @Test
    @DisplayName("Given the mapper's settings, then they are Keycloak's client role mapper's plus keep.catalog.roles, off by default")
    void settings() {
        List<ProviderConfigProperty> properties = new ClientRolesProtocolMapper().getConfigProperties();

        assertThat(properties).extracting(ProviderConfigProperty::getName).contains(
                ProtocolMapperUtils.USER_MODEL_CLIENT_ROLE_MAPPING_CLIENT_ID, ProtocolMapperUtils.USER_MODEL_CLIENT_ROLE_MAPPING_ROLE_PREFIX,
                ProtocolMapperUtils.MULTIVALUED, OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN,
                OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION);
        assertThat(properties).filteredOn(property -> property.getName().equals(ClientRolesProtocolMapper.KEEP_CATALOG_ROLES))
                .singleElement().satisfies(keep -> {
                    assertThat(keep.getType()).isEqualTo(ProviderConfigProperty.BOOLEAN_TYPE);
                    assertThat(keep.getDefaultValue()).isEqualTo("false");
                });
        assertThat(new ClientRolesProtocolMapper().getId()).isEqualTo("amp-client-roles-mapper");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"true", "false"})
    @DisplayName("Given keep.catalog.roles true or false, then the settings are accepted")
    void acceptsSwitch(String value) {
        assertThatCode(() -> new ClientRolesProtocolMapper().validateConfig(null, null, null,
                model(Map.of(ClientRolesProtocolMapper.KEEP_CATALOG_ROLES, value)))).doesNotThrowAnyException();
        assertThatCode(() -> new ClientRolesProtocolMapper().validateConfig(null, null, null, model(Map.of())))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"yes", "", "TRUE "})
    @DisplayName("Given keep.catalog.roles that is not true or false, then the settings are refused, naming it")
    void refusesBadSwitch(String value) {
        assertThatThrownBy(() -> new ClientRolesProtocolMapper().validateConfig(null, null, null,
                model(Map.of(ClientRolesProtocolMapper.KEEP_CATALOG_ROLES, value))))
                .isInstanceOf(ProtocolMapperConfigException.class).hasMessageContaining("keep.catalog.roles");
    }

    private static ProtocolMapperModel model(Map<String, String> config) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setConfig(config);
        return model;
    }
}
