package io.amp.keycloak.common.settings;

import io.amp.keycloak.common.events.AmpGlobalListenerFactory;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.services.ui.extend.UiTabProvider;

/**
 * Global listener {@value #ID}: a realm updated through the admin API (the console's Realm settings,
 * {@code PUT /admin/realms/{realm}}, kcadm) may have changed the attributes the AMP tab edits, so the
 * tab's component is aligned with them, in the same transaction. Keycloak announces the update as an
 * admin event to global listeners whether or not the realm stores admin events.
 */
public final class AmpSettingsListenerFactory extends AmpGlobalListenerFactory {

    public static final String ID = "amp-settings";

    public AmpSettingsListenerFactory() {
        super(ID, RealmUpdates::new);
    }

    private record RealmUpdates(KeycloakSession session) implements EventListenerProvider {

        @Override
        public void onEvent(AdminEvent event, boolean includeRepresentation) {
            if (event.getResourceType() != ResourceType.REALM || event.getOperationType() != OperationType.UPDATE) {
                return;
            }
            ProviderFactory<UiTabProvider> tab = session.getKeycloakSessionFactory().getProviderFactory(UiTabProvider.class, AmpSettingsTab.ID);
            RealmModel realm = session.realms().getRealm(event.getRealmId());
            if (tab instanceof AmpSettingsTab settingsTab && realm != null) {
                SettingsMirror.align(session, realm, settingsTab.settings());
            }
        }

        @Override
        public void onEvent(Event event) {
        }

        @Override
        public void close() {
        }
    }
}
