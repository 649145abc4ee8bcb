package io.amp.keycloak.common.settings;

import org.keycloak.Config;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.keycloak.services.ui.extend.UiTabProviderFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AMP tab of the admin console (Realm settings > AMP), through Keycloak's declarative UI
 * ({@code ui-tab} SPI, feature {@code declarative-ui}): one form with the fields every installed
 * feature declares through {@link AmpSettingsSpi}.
 *
 * <p>The realm attributes are what AMP reads; the tab's component (one per realm, type
 * {@link UiTabProvider}) is their editor. Saving the tab validates every field (a bad value is a
 * 400 with the reason, shown by the console) and writes the attributes in the same transaction;
 * an emptied field removes its attribute. The other way round, {@link SettingsMirror} copies the
 * attributes into the component whenever they may have changed elsewhere (realm created or
 * imported, server start, realm updated through the admin API), so the tab never shows a value the
 * realm does not hold.
 */
public final class AmpSettingsTab implements UiTabProvider, UiTabProviderFactory<ComponentModel> {

    /** The provider id, which the console also shows as the tab's title. */
    public static final String ID = "AMP";
    /** The route of the tab: {@code #/<realm>/realm-settings/amp}. */
    public static final String TAB = "amp";

    private volatile List<AmpSetting> settings;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "AMP for Keycloak: the realm's settings of consultant access and emergency access.";
    }

    @Override
    public String getPath() {
        return "/:realm/realm-settings/:tab";
    }

    @Override
    public Map<String, String> getParams() {
        return Map.of("tab", TAB);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        settings = collect(factory);
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                SettingsMirror.align(created.getKeycloakSession(), created.getCreatedRealm(), settings);
            } else if (event instanceof PostMigrationEvent) {
                SettingsMirror.alignAll(factory, settings);
            }
        });
    }

    /** Every installed feature's fields, features ordered by their id. */
    private static List<AmpSetting> collect(KeycloakSessionFactory factory) {
        return factory.getProviderFactoriesStream(AmpSettingsProvider.class)
                .map(AmpSettingsProviderFactory.class::cast)
                .sorted(Comparator.comparing(AmpSettingsProviderFactory::getId))
                .flatMap(feature -> feature.settings().stream())
                .toList();
    }

    /** The fields, once the server has started. */
    List<AmpSetting> settings() {
        return settings == null ? List.of() : settings;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return settings().stream().map(AmpSetting::property).toList();
    }

    /**
     * Keeps only the tab's own fields, trimmed, without the empty ones (the console also sends its
     * route's parameters), then refuses the save if any value is bad, naming every bad one.
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) throws ComponentValidationException {
        MultivaluedHashMap<String, String> fields = SettingsMirror.fields(model.getConfig(), settings());
        if (!SettingsMirror.mirroring(session)) {
            List<String> problems = settings().stream()
                    .flatMap(setting -> Optional.ofNullable(fields.getFirst(setting.field()))
                            .flatMap(value -> setting.check().problem(session, realm, value)).stream())
                    .toList();
            if (!problems.isEmpty()) {
                throw new ComponentValidationException(String.join("; ", problems));
            }
        }
        model.setConfig(fields);
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        SettingsMirror.write(session, realm, model, settings());
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        SettingsMirror.write(session, realm, newModel, settings());
    }

    @Override
    public void close() {
    }
}
