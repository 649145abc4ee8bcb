package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AMP portal page in Chromium ({@link Chromium}), signed in through Keycloak as each person of
 * seed 002 would: every step is done on the page, and what it changes is checked in the next token
 * of the person it concerns. Screenshots of the main screens at 1280x800 and at a phone's size go to
 * {@code target/screenshots} ({@code -Damp.screenshots=<dir>} also writes them there).
 */
@org.junit.jupiter.api.extension.ExtendWith(PortalBrowserIT.ScreenshotOnFailure.class)
class PortalBrowserIT {

    /** What the browser showed when a test failed: target/screenshots/failed-<test>.png. */
    static final class ScreenshotOnFailure implements org.junit.jupiter.api.extension.TestWatcher {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            if (chromium != null) {
                chromium.screenshot("failed-" + context.getRequiredTestMethod().getName());
            }
        }
    }

    private static final String NINA = "nina.nogrant@partner.example";
    private static final String BEA = "bea.btt@btt.example";

    private static Chromium chromium;
    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);

    @BeforeAll
    static void startChromium() {
        chromium = Chromium.startOrSkip("PortalBrowserIT");
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Opens the portal of {@code realm} as a new visitor, signs in as {@code username}, and waits for the page to be drawn. */
    static void signIn(Chromium browser, KeycloakServer server, String realm, String username) {
        browser.forgetSignIns();
        browser.size(Chromium.LAPTOP);
        browser.driver.get(server.realmUrl(realm) + "/amp/portal/");
        browser.signInOnKeycloak(username);
        ready(browser);
    }

    static void ready(Chromium browser) {
        browser.waiting(30).until(driver -> {
            String state = (String) browser.driver.executeScript("return document.body.dataset.ready || ''");
            return !state.isEmpty() && !browser.driver.findElement(By.id("amp-view")).getText().isBlank() ? state : null;
        });
        assertThat(browser.driver.executeScript("return document.body.dataset.ready")).as(view(browser)).isEqualTo("true");
    }

    static String view(Chromium browser) {
        return browser.driver.findElement(By.id("amp-view")).getText();
    }

    /** Opens a portal address ({@code #/...}) and waits for its view. */
    static void open(Chromium browser, String hash) {
        browser.driver.executeScript("document.getElementById('amp-view').dataset.view = ''; location.hash = arguments[0]", hash);
        browser.waiting(20).until(driver -> !"".equals(driver.findElement(By.id("amp-view")).getAttribute("data-view")));
    }

    static List<String> nav(Chromium browser) {
        return browser.driver.findElements(By.cssSelector("#amp-nav a")).stream().map(WebElement::getText).toList();
    }

    /** Waits for the page's message to say {@code expected} (an action replaces the message of the one before). */
    static void expectMessage(Chromium browser, String expected) {
        try {
            browser.waiting(20).until(driver -> driver.findElements(By.cssSelector("#amp-alerts .pf-v5-c-alert")).stream()
                    .anyMatch(alert -> alert.getText().contains(expected)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("The page does not say '" + expected + "'; it shows:\n"
                    + browser.driver.findElement(By.tagName("main")).getText(), e);
        }
    }

    private void click(By by) {
        chromium.shown(by).click();
    }

    private WebElement row(String text) {
        return chromium.waiting(20).until(driver -> driver.findElements(By.cssSelector("#amp-view tbody tr")).stream()
                .filter(row -> row.getText().contains(text)).findFirst().orElse(null));
    }

    private List<String> sitesOf(String username) {
        return Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", username)));
    }

    private void grantByEmail(String email) {
        click(By.cssSelector("[data-testid=grant-access]"));
        click(By.xpath("//label[normalize-space()='A consultant, by exact email']"));
        chromium.shown(By.cssSelector("#amp-grant-form input[name=email]")).sendKeys(email);
        click(By.xpath("//button[normalize-space()='Grant access']"));
        expectMessage(chromium, "Access granted to " + email);
    }

    private void switchAccess(String subject, boolean on) {
        row(subject).findElement(By.cssSelector("label.pf-v5-c-switch")).click();
        expectMessage(chromium, "Access of " + subject + " turned " + (on ? "on" : "off"));
    }

    private void removeRow(String subject) {
        row(subject).findElement(By.xpath(".//button[normalize-space()='Remove']")).click();
        row(subject).findElement(By.xpath(".//button[normalize-space()='Confirm removal']")).click();
        expectMessage(chromium, subject + " removed");
    }

    @Test
    @DisplayName("alice.admin grants nina.nogrant acme-cardio-south by email, toggles it off and on, removes it: each step is in Nina's next token")
    void accountAdminGrantsByEmail() {
        signIn(chromium, server, Portal.REALM, "alice.admin");
        assertThat(nav(chromium)).contains("Account Management", "Consultant groups").doesNotContain("My sites");
        click(By.linkText("Acme Health"));
        chromium.shown(By.cssSelector("[data-testid=contract]"));
        assertThat(view(chromium)).contains("Current contract", "Enterprise, 2026-01-01 to 2027-12-31, 40 sites",
                "Cardiology", "Radiology", "Acme Cardiology South", "Acme Radiology Main", "dan.dept", "vera.viewer");
        chromium.screenshot("portal-account");
        chromium.size(Chromium.PHONE);
        chromium.screenshot("portal-account-phone");
        chromium.size(Chromium.LAPTOP);

        click(By.cssSelector("a[aria-label='Manage access to Acme Cardiology South']"));
        chromium.shown(By.xpath("//h1[normalize-space()='Site acme-cardio-south']"));
        assertThat(sitesOf("nina.nogrant")).doesNotContain("acme-cardio-south");
        grantByEmail(NINA);
        assertThat(sitesOf("nina.nogrant")).contains("acme-cardio-south");
        chromium.screenshot("portal-site-grants");

        switchAccess(NINA, false);
        assertThat(sitesOf("nina.nogrant")).doesNotContain("acme-cardio-south");
        switchAccess(NINA, true);
        assertThat(sitesOf("nina.nogrant")).contains("acme-cardio-south");
        removeRow(NINA);
        assertThat(view(chromium)).doesNotContain(NINA);
        assertThat(sitesOf("nina.nogrant")).doesNotContain("acme-cardio-south");
    }

    @Test
    @DisplayName("dan.dept sees Cardiology's sites and not Radiology's; opening a Radiology site by its address shows the API's answer, not the site")
    void departmentAdminSeesHisDepartment() {
        signIn(chromium, server, Portal.REALM, "dan.dept");
        click(By.linkText("Acme Health"));
        chromium.shown(By.xpath("//h2[normalize-space()='Sites']"));
        assertThat(view(chromium)).contains("Acme Cardiology North", "Acme Cardiology South")
                .doesNotContain("Acme Radiology Main", "acme-rad-main", "Current contract");
        open(chromium, "#/site/acme-rad-main");
        // Beyond his departments a site is answered as one that does not exist.
        assertThat(chromium.shown(By.cssSelector("[data-testid=refused]")).getText()).contains("Site not found (HTTP 404)");
    }

    @Test
    @DisplayName("vera.viewer, a Department Viewer, gets the page saying plainly that she has no access")
    void departmentViewerHasNoAccess() {
        signIn(chromium, server, Portal.REALM, "vera.viewer");
        assertThat(chromium.shown(By.cssSelector("[data-testid=no-access]")).getText())
                .contains("You have no access to the AMP portal", "Department Viewers cannot open Account Management");
        assertThat(nav(chromium)).isEmpty();
        chromium.screenshot("portal-no-access");
    }

    @Test
    @DisplayName("carl.consultant sees only acme-cardio-north, grants bea.btt access to it (her next token has it), and cannot open acme-cardio-south")
    void consultantGrantsAColleague() {
        signIn(chromium, server, Portal.REALM, "carl.consultant");
        assertThat(nav(chromium)).contains("My sites").doesNotContain("Account Management");
        assertThat(view(chromium)).contains("acme-cardio-north").doesNotContain("acme-cardio-south");
        chromium.screenshot("portal-my-sites");
        click(By.cssSelector("a[aria-label='Manage access to acme-cardio-north']"));
        chromium.shown(By.xpath("//h1[normalize-space()='Site acme-cardio-north']"));
        assertThat(sitesOf("bea.btt")).doesNotContain("acme-cardio-north");
        grantByEmail(BEA);
        assertThat(sitesOf("bea.btt")).contains("acme-cardio-north");
        removeRow(BEA);
        assertThat(sitesOf("bea.btt")).doesNotContain("acme-cardio-north");

        open(chromium, "#/site/acme-cardio-south");
        assertThat(chromium.shown(By.cssSelector("[data-testid=refused]")).getText()).contains("HTTP 403");
    }
}
