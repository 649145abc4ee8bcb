package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static io.amp.keycloak.e2e.Elevations.ELEVATED;
import static io.amp.keycloak.e2e.Elevations.access;
import static io.amp.keycloak.e2e.Elevations.elevation;
import static io.amp.keycloak.e2e.Elevations.permissions;
import static org.assertj.core.api.Assertions.assertThat;

/** The emergency-access login in a real browser ({@link Chromium}: Debian's, headless; skipped with a NOTICE where absent). */
class ChromiumLoginIT {

    private static Chromium chromium;
    private static ChromeDriver chrome;

    @BeforeAll
    static void startChromium() {
        chromium = Chromium.startOrSkip("ChromiumLoginIT");
        chrome = chromium.driver;
        chromium.size(new org.openqa.selenium.Dimension(1000, 1100));
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @DisplayName("In Chromium, the reason appears once Emergency access is ticked, and erin.er's sign-in elevates her token")
    void emergencyAccessInABrowser() {
        KeycloakServer server = KeycloakServer.get();
        chrome.manage().deleteAllCookies();
        chrome.get(server.realmUrl("practice") + "/protocol/openid-connect/auth?client_id=ehr&response_type=code&scope=openid"
                + "&redirect_uri=" + Browser.REDIRECT_URI);

        WebElement reason = chrome.findElement(By.id("amp_emergency_reason"));
        assertThat(reason.isDisplayed()).as("the reason is hidden until the choice is ticked").isFalse();
        chrome.findElement(By.id("amp_emergency_access")).click();
        assertThat(reason.isDisplayed()).as("ticking the choice shows the reason").isTrue();

        chrome.findElement(By.id("username")).sendKeys("erin.er");
        chrome.findElement(By.id("password")).sendKeys(Oidc.DEMO_PASSWORD);
        reason.sendKeys("Patient in the ER, chart needed now");
        chromium.screenshot("login-emergency-access");
        chrome.findElement(By.id("kc-login")).click();

        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(driver -> driver.getCurrentUrl().startsWith(Browser.REDIRECT_URI));
        String code = Browser.codeOf(URI.create(chrome.getCurrentUrl()));
        Oidc oidc = new Oidc(server);
        Oidc.Response tokens = oidc.authorizationCode("practice", "ehr", code);
        assertThat(tokens.status()).as("%s", tokens.body()).isEqualTo(200);
        Map<String, Object> claims = access(tokens);
        assertThat(permissions(claims)).containsAll(ELEVATED);
        assertThat(elevation(claims)).containsEntry("kind", "emergency-access");
        oidc.logout("practice", "ehr", tokens.string("refresh_token"));
    }
}
