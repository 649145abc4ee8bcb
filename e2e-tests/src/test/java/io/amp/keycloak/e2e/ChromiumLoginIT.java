package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.amp.keycloak.e2e.Elevations.ELEVATED;
import static io.amp.keycloak.e2e.Elevations.access;
import static io.amp.keycloak.e2e.Elevations.elevation;
import static io.amp.keycloak.e2e.Elevations.permissions;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emergency-access login in a real browser: Debian's Chromium, headless, driven through
 * Debian's chromedriver (never downloaded). Where either is missing the class is skipped with a
 * NOTICE; {@code .ci/run} installs both.
 */
class ChromiumLoginIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static ChromeDriver chrome;

    @BeforeAll
    static void startChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.out.println("NOTICE: ChromiumLoginIT skipped: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " are needed (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1000,1100");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        chrome = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopChromium() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    @DisplayName("In Chromium, the reason appears once Emergency access is ticked, and erin.er's sign-in elevates her token")
    void emergencyAccessInABrowser() throws IOException {
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
        Files.write(Path.of("target", "chromium-emergency-access.png"), chrome.getScreenshotAs(OutputType.BYTES));
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
