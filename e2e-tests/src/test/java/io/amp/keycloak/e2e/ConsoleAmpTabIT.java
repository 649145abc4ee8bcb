package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static io.amp.keycloak.e2e.Elevations.access;
import static io.amp.keycloak.e2e.Elevations.elevation;
import static io.amp.keycloak.e2e.Elevations.permissions;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AMP tab in Keycloak's admin console, driven in Debian's Chromium: the master administrator
 * signs in, opens Realm settings > AMP, changes the consultant threshold or the emergency access
 * permissions and saves; the next tokens follow. A bad value is refused with its reason on screen.
 * Every setting is put back afterwards, through the tab and, should that fail, the admin API.
 */
class ConsoleAmpTabIT {

    private static Chromium chromium;

    private final Cleanup cleanup = new Cleanup();
    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);

    @BeforeAll
    static void startChromium() {
        chromium = Chromium.startOrSkip("ConsoleAmpTabIT");
        KeycloakServer server = KeycloakServer.get();
        chromium.driver.get(server.uri("admin/master/console/").toString());
        chromium.shown(By.id("username")).sendKeys(KeycloakServer.ADMIN_USERNAME);
        chromium.driver.findElement(By.id("password")).sendKeys(KeycloakServer.ADMIN_PASSWORD);
        chromium.driver.findElement(By.id("kc-login")).click();
        chromium.waiting(60).until(driver -> !driver.findElements(By.id("nav-item-realm-settings")).isEmpty());
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @Test
    @DisplayName("Given the portal realm's AMP tab, when the threshold is raised above carl.consultant's level (80) and saved, then his next token lists no site; 150 is refused on screen")
    void consultantThreshold() {
        AmpTab tab = new AmpTab(Portal.REALM);
        tab.restoreAfterwards(cleanup);
        assertThat(sites("carl.consultant")).containsExactly("acme-cardio-north");

        open(Portal.REALM);
        WebElement current = chromium.driver.findElement(By.cssSelector("li.pf-v5-c-tabs__item.pf-m-current"));
        assertThat(current.getText()).isEqualTo("AMP");
        type("consultant-threshold", "90");
        save();
        awaitAlert("Saved successfully");
        // Wide enough for every tab of the realm settings, AMP the last one, to show in the screenshot.
        chromium.size(new Dimension(2240, 760));
        chromium.waiting(10).until(driver -> current.isDisplayed() && current.getRect().getX() + current.getRect().getWidth() < 2240);
        chromium.screenshot("console-amp-tab");
        chromium.size(Chromium.LAPTOP);
        assertThat(tab.attributes()).containsEntry("amp.consultant-threshold", "90");
        assertThat(sites("carl.consultant")).as("level 80 under a threshold of 90: no consultant, and no admin").isEmpty();

        type("consultant-threshold", "150");
        save();
        awaitAlert("Consultant threshold: \"150\" is not a whole number from 0 to 100");
        assertThat(tab.attributes()).as("a refused value changes nothing").containsEntry("amp.consultant-threshold", "90");

        // Put back through the console: an emptied field removes the attribute, and the default (80) applies again.
        open(Portal.REALM);
        assertThat(field("consultant-threshold").getAttribute("value")).as("the tab shows what the realm holds").isEqualTo("90");
        type("consultant-threshold", "");
        save();
        chromium.waiting(20).until(driver -> !tab.attributes().containsKey("amp.consultant-threshold"));
        assertThat(sites("carl.consultant")).containsExactly("acme-cardio-north");
    }

    @Test
    @DisplayName("Given the practice realm's AMP tab, when the emergency access permissions are changed and saved, then erin.er's next emergency access elevates to the new set")
    void emergencyAccessPermissions() {
        AmpTab tab = new AmpTab("practice");
        tab.restoreAfterwards(cleanup);
        Elevations elevations = new Elevations();

        open("practice");
        type("elevation-permissions", "access-scheduling, access-reports");
        save();
        awaitAlert("Saved successfully");
        assertThat(tab.attributes()).containsEntry("amp.elevation.permissions", "access-scheduling, access-reports");

        Oidc.Response tokens = elevations.signInToTokens("erin.er", "Console test: the new set");
        Map<String, Object> claims = access(tokens);
        assertThat(elevation(claims)).containsEntry("permissions", List.of("access-reports", "access-scheduling"));
        assertThat(permissions(claims)).contains("access-reports", "access-scheduling").doesNotContain("create-and-update-patients");
        oidc.logout("practice", "ehr", tokens.string("refresh_token"));

        type("elevation-permissions", "");
        save();
        chromium.waiting(20).until(driver -> !tab.attributes().containsKey("amp.elevation.permissions"));
    }

    /** Opens Realm settings > AMP of {@code realm} and waits for its form. */
    private void open(String realm) {
        chromium.driver.get(server.uri("admin/master/console/#/" + realm + "/realm-settings/amp").toString());
        chromium.driver.navigate().refresh();
        chromium.shown(By.cssSelector("[data-testid='consultant-threshold']"));
    }

    private static WebElement field(String name) {
        return chromium.shown(By.cssSelector("[data-testid='" + name + "']"));
    }

    /** Replaces a field's text as a user does: select all, then type (nothing: the field is emptied). */
    private static void type(String name, String value) {
        WebElement field = field(name);
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!value.isEmpty()) {
            field.sendKeys(value);
        }
        assertThat(field.getAttribute("value")).isEqualTo(value);
    }

    private static void save() {
        chromium.driver.findElement(By.cssSelector("button[data-testid='save']")).click();
    }

    private static void awaitAlert(String text) {
        chromium.waiting(20).until(driver -> driver.findElements(By.cssSelector(".pf-v5-c-alert__title")).stream()
                .anyMatch(alert -> alert.getText().contains(text)));
    }

    private List<String> sites(String username) {
        return Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", username)));
    }
}
