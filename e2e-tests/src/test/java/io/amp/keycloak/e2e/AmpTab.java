package io.amp.keycloak.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ComponentRepresentation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A realm's AMP tab (Realm settings > AMP) through Keycloak's admin API, saved the way the console
 * saves it: the tab's component, every field sent (an empty one as ""), with the route's
 * parameters the console adds to the config.
 */
final class AmpTab {

    static final String TYPE = "org.keycloak.services.ui.extend.UiTabProvider";
    /** Each field of the tab and the realm attribute it writes, in the order the tab shows them. */
    static final Map<String, String> FIELDS = fields();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realmName;
    private final RealmResource realm;
    private final Oidc oidc;

    AmpTab(String realmName) {
        this.realmName = realmName;
        this.realm = KeycloakServer.get().admin().realm(realmName);
        this.oidc = new Oidc(KeycloakServer.get());
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("consultant-threshold", "amp.consultant-threshold");
        fields.put("consultant-groups", "amp.consultant-groups");
        fields.put("max-sites", "amp.sites.max");
        fields.put("elevation-permissions", "amp.elevation.permissions");
        fields.put("emergency-seconds", "amp.elevation.emergency-seconds");
        return fields;
    }

    /** The realm's one AMP tab component. */
    ComponentRepresentation component() {
        List<ComponentRepresentation> tabs = realm.components().query(realm.toRepresentation().getId(), TYPE).stream()
                .filter(component -> "AMP".equals(component.getProviderId())).toList();
        assertThat(tabs).as("the AMP tab components of realm %s", realmName).hasSize(1);
        return tabs.get(0);
    }

    /** The tab's fields as it shows them (first values; absent when empty). */
    Map<String, String> shown() {
        Map<String, String> shown = new LinkedHashMap<>();
        component().getConfig().forEach((name, values) -> shown.put(name, values.isEmpty() ? null : values.get(0)));
        return shown;
    }

    /** The realm attributes the tab writes, those present. */
    Map<String, String> attributes() {
        Map<String, String> attributes = Objects.requireNonNullElse(realm.toRepresentation().getAttributes(), Map.of());
        Map<String, String> amp = new LinkedHashMap<>();
        FIELDS.forEach((field, attribute) -> {
            if (attributes.get(attribute) != null) {
                amp.put(attribute, attributes.get(attribute));
            }
        });
        return amp;
    }

    /** Saves the tab with these field values (the others empty), as the console's Save does; the admin API's answer. */
    Oidc.Response save(Map<String, String> values) {
        ComponentRepresentation tab = component();
        Map<String, List<String>> config = new LinkedHashMap<>();
        FIELDS.keySet().forEach(field -> config.put(field, List.of(values.getOrDefault(field, ""))));
        config.put("realm", List.of(realmName));
        config.put("tab", List.of("amp"));
        Map<String, Object> body = new HashMap<>();
        body.put("id", tab.getId());
        body.put("name", tab.getName());
        body.put("providerId", tab.getProviderId());
        body.put("providerType", tab.getProviderType());
        body.put("parentId", tab.getParentId());
        body.put("config", config);
        try {
            return oidc.send("PUT", "admin/realms/" + realmName + "/components/" + tab.getId(), oidc.adminToken(), JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves the tab and expects it saved. */
    void saved(Map<String, String> values) {
        Oidc.Response answer = save(values);
        assertThat(answer.status()).as("saving the AMP tab of %s: %s", realmName, answer.body()).isEqualTo(204);
    }

    /** Puts the tab back as it is now, after the test: the attributes it writes, through the tab itself. */
    void restoreAfterwards(Cleanup cleanup) {
        Map<String, String> before = attributes();
        cleanup.add(() -> {
            Map<String, String> values = new LinkedHashMap<>();
            FIELDS.forEach((field, attribute) -> values.put(field, before.getOrDefault(attribute, "")));
            save(values);
            if (!attributes().equals(before)) {
                // A value the tab refuses (set around it) goes back through the realm update.
                var representation = realm.toRepresentation();
                Map<String, String> attributes = new HashMap<>(Objects.requireNonNullElse(representation.getAttributes(), Map.of()));
                FIELDS.values().forEach(attributes::remove);
                attributes.putAll(before);
                representation.setAttributes(attributes);
                realm.update(representation);
            }
            assertThat(attributes()).as("the AMP settings of %s restored", realmName).isEqualTo(before);
        });
    }
}
