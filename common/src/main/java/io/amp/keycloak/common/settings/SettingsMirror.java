package io.amp.keycloak.common.settings;

import org.jboss.logging.Logger;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.ui.extend.UiTabProvider;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the AMP tab's component and the realm attributes it edits saying the same thing. The realm
 * attributes are the record: AMP reads nothing else. The tab writes them when saved ({@link #write});
 * {@link #align} copies them into the component when they may have changed without the tab. While
 * it does, the tab neither validates (a value set through the admin API is shown as it is, so the
 * administrator sees what to fix) nor writes back.
 */
final class SettingsMirror {

    private static final Logger LOG = Logger.getLogger(SettingsMirror.class);
    private static final String MIRRORING = SettingsMirror.class.getName();

    private SettingsMirror() {
    }

    static boolean mirroring(KeycloakSession session) {
        return session.getAttribute(MIRRORING) != null;
    }

    /** The tab's fields of {@code config}: first values, trimmed, empty ones left out. */
    static MultivaluedHashMap<String, String> fields(MultivaluedHashMap<String, String> config, List<AmpSetting> settings) {
        MultivaluedHashMap<String, String> fields = new MultivaluedHashMap<>();
        for (AmpSetting setting : settings) {
            String value = config == null ? null : config.getFirst(setting.field());
            if (value != null && !value.isBlank()) {
                fields.putSingle(setting.field(), value.strip());
            }
        }
        return fields;
    }

    /** The tab was saved: each field's value becomes its realm attribute; an empty field removes it. */
    static void write(KeycloakSession session, RealmModel realm, ComponentModel tab, List<AmpSetting> settings) {
        if (mirroring(session)) {
            return;
        }
        for (AmpSetting setting : settings) {
            String value = tab.get(setting.field());
            if (value == null || value.isBlank()) {
                realm.removeAttribute(setting.attribute());
            } else {
                realm.setAttribute(setting.attribute(), value.strip());
            }
        }
    }

    /**
     * Makes the realm's tab component hold its attributes: creates it where missing (with an id
     * derived from the realm's, so two nodes starting at once create one), updates it where it
     * differs, and removes any second one.
     */
    static void align(KeycloakSession session, RealmModel realm, List<AmpSetting> settings) {
        MultivaluedHashMap<String, String> attributes = new MultivaluedHashMap<>();
        for (AmpSetting setting : settings) {
            String value = realm.getAttribute(setting.attribute());
            if (value != null && !value.isBlank()) {
                attributes.putSingle(setting.field(), value.strip());
            }
        }
        String id = componentId(realm);
        List<ComponentModel> tabs = realm.getComponentsStream(realm.getId(), UiTabProvider.class.getName())
                .filter(component -> AmpSettingsTab.ID.equals(component.getProviderId()))
                .sorted(Comparator.comparing((ComponentModel component) -> !id.equals(component.getId())).thenComparing(ComponentModel::getId))
                .toList();
        session.setAttribute(MIRRORING, Boolean.TRUE);
        try {
            tabs.stream().skip(1).forEach(realm::removeComponent);
            if (tabs.isEmpty()) {
                ComponentModel tab = new ComponentModel();
                tab.setId(id);
                tab.setName(AmpSettingsTab.ID);
                tab.setParentId(realm.getId());
                tab.setProviderType(UiTabProvider.class.getName());
                tab.setProviderId(AmpSettingsTab.ID);
                tab.setConfig(attributes);
                realm.addComponentModel(tab);
            } else if (!attributes.equals(tabs.get(0).getConfig())) {
                ComponentModel tab = new ComponentModel(tabs.get(0));
                tab.setConfig(attributes);
                realm.updateComponent(tab);
            }
        } finally {
            session.removeAttribute(MIRRORING);
        }
    }

    /** Every realm, one transaction each: at server start, for realms whose attributes changed while AMP was not installed. */
    static void alignAll(KeycloakSessionFactory factory, List<AmpSetting> settings) {
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> session.realms().getRealmsStream().map(RealmModel::getId).toList());
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    if (realm != null) {
                        session.getContext().setRealm(realm);
                        align(session, realm, settings);
                    }
                });
            } catch (RuntimeException e) {
                // Most likely another node aligned it at the same moment: the component id is the same on both.
                LOG.warnf("The AMP tab of realm %s was not aligned with its attributes at start (%s); the next start or realm update"
                        + " aligns it", realmId, e.getMessage());
            }
        }
    }

    private static String componentId(RealmModel realm) {
        return UUID.nameUUIDFromBytes(("amp-settings-tab/" + realm.getId()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
