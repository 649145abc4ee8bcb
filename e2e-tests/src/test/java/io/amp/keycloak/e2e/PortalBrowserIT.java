package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
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
        return row(chromium, text);
    }

    /** The first row of the view's tables that shows {@code text}, once there is one. */
    static WebElement row(Chromium browser, String text) {
        return browser.waiting(20).until(driver -> driver.findElements(By.cssSelector("#amp-view tbody tr")).stream()
                .filter(row -> row.getText().contains(text)).findFirst().orElse(null));
    }

    /**
     * Decides the request in the row showing {@code rowText} (after the screen's checks and screenshots):
     * the reason or comment, then Approve or Deny, and the page's word for it.
     */
    static void decide(Chromium browser, String rowText, String screenshot, String reason, String decision) {
        row(browser, rowText);
        usable(browser, screenshot);
        WebElement request = row(browser, rowText);
        request.findElement(By.name("text")).sendKeys(reason);
        request.findElement(By.xpath(".//button[normalize-space()='" + decision + "']")).click();
        expectMessage(browser, decision.equals("Approve") ? "Approved." : "Denied.");
    }

    private List<String> sitesOf(String username) {
        return Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", username)));
    }

    /** Follows a site's "Manage access" link (named by what the list shows of the site) to its consultant access. */
    private void openSite(String shown, String siteKey) {
        click(By.cssSelector("a[aria-label='Manage access to " + shown + "']"));
        chromium.shown(By.xpath("//h1[normalize-space()='Site " + siteKey + "']"));
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
        assertThat(chromium.driver.findElement(By.cssSelector("#amp-nav a[aria-current=page]")).getText())
                .as("an account's page is part of Account Management").isEqualTo("Account Management");
        assertThat(view(chromium)).contains("Current contract", "Enterprise, 2026-01-01 to 2027-12-31, 40 sites",
                "Cardiology", "Radiology", "Acme Cardiology South", "Acme Radiology Main", "dan.dept", "vera.viewer");
        usable(chromium, "portal-account");

        openSite("Acme Cardiology South", "acme-cardio-south");
        assertThat(sitesOf("nina.nogrant")).doesNotContain("acme-cardio-south");
        grantByEmail(NINA);
        assertThat(sitesOf("nina.nogrant")).contains("acme-cardio-south");
        usable(chromium, "portal-site-grants");

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
        usable(chromium, "portal-no-access");
    }

    @Test
    @DisplayName("carl.consultant sees only acme-cardio-north, grants bea.btt access to it (her next token has it), and cannot open acme-cardio-south")
    void consultantGrantsAColleague() {
        signIn(chromium, server, Portal.REALM, "carl.consultant");
        assertThat(nav(chromium)).contains("My sites").doesNotContain("Account Management");
        assertThat(view(chromium)).contains("acme-cardio-north").doesNotContain("acme-cardio-south");
        usable(chromium, "portal-my-sites");
        openSite("acme-cardio-north", "acme-cardio-north");
        assertThat(sitesOf("bea.btt")).doesNotContain("acme-cardio-north");
        grantByEmail(BEA);
        assertThat(sitesOf("bea.btt")).contains("acme-cardio-north");
        removeRow(BEA);
        assertThat(sitesOf("bea.btt")).doesNotContain("acme-cardio-north");

        open(chromium, "#/site/acme-cardio-south");
        assertThat(chromium.shown(By.cssSelector("[data-testid=refused]")).getText()).contains("HTTP 403");
    }

    @Test
    @DisplayName("carla.cx asks in the portal for Sales - Admin on staging for sam.sales, mia.manager approves it there: sam's next staging token has its permissions")
    void requestOnBehalfApproved() {
        Cleanup cleanup = new Cleanup();
        Fixtures fixtures = new Fixtures(server.admin().realm("workforce"), cleanup);
        fixtures.takeGrantedRoleBackAfterwards("sam.sales", "drchrono-staging", "sales-admin");
        try {
            assertThat(stagingPermissions()).doesNotContain("unsuspend-account");
            signIn(chromium, server, "workforce", "carla.cx");
            assertThat(nav(chromium)).contains("Request access").doesNotContain("Approvals", "All requests");
            chromium.shown(By.name("subject")).sendKeys("sam.sales");
            choose("department", "Account Managers and Sales Teams");
            choose("system", "drchrono-staging");
            click(By.xpath("//label[normalize-space()='Sales - Admin']"));
            chromium.driver.findElement(By.name("justification")).sendKeys("Covering the Q4 push");
            usable(chromium, "portal-request-access");
            click(By.xpath("//button[normalize-space()='Send request']"));
            expectMessage(chromium, "Your request was sent to the approvers");
            assertThat(row("sam.sales").getText()).contains("pending", "sales-admin", "carla.cx");

            signIn(chromium, server, "workforce", "mia.manager");
            assertThat(nav(chromium)).contains("Approvals");
            open(chromium, "#/approvals");
            decide(chromium, "Covering the Q4 push", "portal-approvals", "Approved for Q4", "Approve");
            assertThat(stagingPermissions()).contains("unsuspend-account", "view-escalations-dashboard");
        } finally {
            cleanup.run();
        }
    }

    private List<String> stagingPermissions() {
        return Elevations.permissions(Oidc.claims(oidc.accessToken("workforce", "drchrono-staging", "sam.sales")));
    }

    /** Picks the option whose text or value is {@code option} in the select named {@code name}. */
    private void choose(String name, String option) {
        org.openqa.selenium.support.ui.Select select = new org.openqa.selenium.support.ui.Select(chromium.shown(By.name(name)));
        select.getOptions().stream().filter(candidate -> candidate.getText().equals(option) || option.equals(candidate.getAttribute("value")))
                .findFirst().orElseThrow(() -> new AssertionError("No option " + option + " in " + name)).click();
    }

    @Test
    @DisplayName("dr.sun.own asks in the portal to break the glass on the EHR, rita.review approves in her browser: his next EHR token in the same sign-in is elevated")
    void breakTheGlassApproved() {
        signIn(chromium, server, Elevations.REALM, "dr.sun.own");
        assertThat(nav(chromium)).contains("Break the glass").doesNotContain("Reviews");
        choose("system", Elevations.CLIENT);
        WebElement grants = chromium.shown(By.cssSelector("[data-testid=elevation-grants]"));
        assertThat(grants.getText()).contains("Create and Update Patients", "Create patients and grant access to patient charts.",
                "Access Scheduling", "Access Clinical Notes");
        // Seed 001's texts in full, where a role attribute keeps only 255 characters.
        grants.findElement(By.xpath(".//div[dt[normalize-space()='Create and Update Patients']]//summary")).click();
        assertThat(grants.getText()).contains("Can't attach documents to a patient chart.");
        chromium.shown(By.name("reason")).sendKeys("Unconscious patient, no chart access");
        WebElement minutes = chromium.driver.findElement(By.name("durationMinutes"));
        minutes.clear();
        minutes.sendKeys("30");
        click(By.xpath("//button[normalize-space()='Ask to break the glass']"));
        expectMessage(chromium, "Your request was sent to the reviewers");
        assertThat(row("Unconscious patient").getText()).contains("pending");

        try (Chromium rita = Chromium.startOrSkip("PortalBrowserIT")) {
            signIn(rita, server, Elevations.REALM, "rita.review");
            open(rita, "#/reviews");
            decide(rita, "Unconscious patient", "portal-reviews", "Confirmed with the ER", "Approve");
        }

        // A new page load signs in again silently (single sign-on) and reads the elevation afresh.
        chromium.driver.navigate().refresh();
        ready(chromium);
        assertThat(chromium.shown(By.cssSelector("[data-testid=running-elevation]")).getText()).contains("Elevated on ehr until");
        usable(chromium, "portal-break-the-glass");
        // The application signs in through the same browser: single sign-on, and the session is the elevated one.
        chromium.driver.get(server.realmUrl(Elevations.REALM) + "/protocol/openid-connect/auth?client_id=" + Elevations.CLIENT
                + "&response_type=code&scope=openid&redirect_uri=" + Browser.REDIRECT_URI);
        chromium.waiting(20).until(driver -> driver.getCurrentUrl().startsWith(Browser.REDIRECT_URI));
        Oidc.Response tokens = oidc.authorizationCode(Elevations.REALM, Elevations.CLIENT, Browser.codeOf(java.net.URI.create(chromium.driver.getCurrentUrl())));
        java.util.Map<String, Object> claims = Elevations.access(tokens);
        assertThat(Elevations.permissions(claims)).containsAll(Elevations.ELEVATED);
        assertThat(Elevations.elevation(claims)).containsEntry("kind", "break-the-glass");

        // Signing out of the portal ends the session, and with it the elevation.
        chromium.driver.get(server.realmUrl(Elevations.REALM) + "/amp/portal/");
        ready(chromium);
        click(By.cssSelector("[data-testid=sign-out]"));
        chromium.waiting(20).until(driver -> !driver.findElements(By.id("username")).isEmpty()
                || driver.getCurrentUrl().contains("/protocol/openid-connect/"));
    }

    @Test
    @DisplayName("alice.admin creates a consultant group in the portal, adds nina.nogrant by email, renames it, grants it acme-cardio-south: nina's next token has the site")
    void consultantGroupFromThePortal() {
        String name = Fixtures.uniqueName("Portal Analysts");
        Cleanup cleanup = new Cleanup();
        org.keycloak.admin.client.resource.RealmResource realm = server.admin().realm(Portal.REALM);
        cleanup.add(() -> realm.groups().groups(name, 0, 10).stream().flatMap(group -> realm.groups().group(group.getId())
                .getSubGroups(0, 100, true).stream()).filter(group -> group.getName().startsWith(name))
                .forEach(group -> realm.groups().group(group.getId()).remove()));
        try {
            signIn(chromium, server, Portal.REALM, "alice.admin");
            open(chromium, "#/groups");
            chromium.shown(By.name("name")).sendKeys(name);
            click(By.xpath("//button[normalize-space()='Create group']"));
            expectMessage(chromium, "Consultant group " + name + " created");
            row(name).findElement(By.xpath(".//button[normalize-space()='Members']")).click();
            WebElement members = chromium.shown(By.cssSelector("#amp-view .pf-v5-c-card"));
            members.findElement(By.name("email")).sendKeys(NINA);
            members.findElement(By.xpath(".//button[normalize-space()='Add member']")).click();
            expectMessage(chromium, NINA + " added to " + name);
            usable(chromium, "portal-consultant-groups");

            row(name).findElement(By.xpath(".//button[normalize-space()='Rename']")).click();
            WebElement rename = row(name).findElement(By.name("name"));
            rename.clear();
            rename.sendKeys(name + " renamed");
            row(name).findElement(By.xpath(".//button[normalize-space()='Save']")).click();
            expectMessage(chromium, "Consultant group renamed to " + name + " renamed");

            open(chromium, "#/site/acme-cardio-south");
            click(By.cssSelector("[data-testid=grant-access]"));
            choose("group", "/consultant-groups/" + name + " renamed");
            click(By.xpath("//button[normalize-space()='Grant access']"));
            expectMessage(chromium, "Access granted to /consultant-groups/" + name + " renamed");
            assertThat(sitesOf("nina.nogrant")).contains("acme-cardio-south");
            removeRow(name + " renamed");
            assertThat(sitesOf("nina.nogrant")).doesNotContain("acme-cardio-south");
        } finally {
            cleanup.run();
        }
    }

    @Test
    @DisplayName("realm.admin of the practice realm sees dr.sun.own's running elevation in the portal and revokes it: his next token is not elevated")
    void realmAdminRevokesAnElevation() {
        Oidc.Response doctor = oidc.passwordGrant(Elevations.REALM, Elevations.CLIENT, "dr.sun.own", Oidc.DEMO_PASSWORD);
        Oidc.Response reviewer = oidc.passwordGrant(Elevations.REALM, Elevations.CLIENT, "rita.review", Oidc.DEMO_PASSWORD);
        try {
            String id = AmpApi.as(doctor.string("access_token")).realm(Elevations.REALM).elevations()
                    .breakTheGlass(new io.amp.keycloak.client.representation.NewBreakTheGlass("Patient transferred at night", 30)).id();
            AmpApi.as(reviewer.string("access_token")).realm(Elevations.REALM).elevations()
                    .approveBreakTheGlass(id, new io.amp.keycloak.client.representation.Comment("Confirmed"));
            assertThat(Elevations.access(oidc.refresh(Elevations.REALM, Elevations.CLIENT, doctor.string("refresh_token"))))
                    .containsKey("elevation");

            signIn(chromium, server, Elevations.REALM, "realm.admin");
            assertThat(nav(chromium)).contains("Running elevations");
            open(chromium, "#/elevations");
            WebElement running = row("Patient transferred at night");
            usable(chromium, "portal-running-elevations");
            running = row("Patient transferred at night");
            running.findElement(By.name("comment")).sendKeys("Shift ended");
            running.findElement(By.xpath(".//button[normalize-space()='Revoke']")).click();
            expectMessage(chromium, "Elevation revoked.");
            assertThat(view(chromium)).doesNotContain("Patient transferred at night");
            assertThat(Elevations.access(oidc.refresh(Elevations.REALM, Elevations.CLIENT, doctor.string("refresh_token"))))
                    .doesNotContainKey("elevation");
        } finally {
            oidc.logout(Elevations.REALM, Elevations.CLIENT, doctor.string("refresh_token"));
            oidc.logout(Elevations.REALM, Elevations.CLIENT, reviewer.string("refresh_token"));
        }
    }

    @Test
    @DisplayName("realm.admin of the workforce realm lists every access request in the portal and denies one with a reason")
    void realmAdminDeniesARequest() {
        String carla = oidc.accessToken("workforce", "drchrono", "carla.cx");
        io.amp.keycloak.client.representation.AccessRequest asked = AmpApi.as(carla).realm("workforce").requests().submit(
                new io.amp.keycloak.client.representation.NewAccessRequest("sam.sales", "DrChrono", "account-managers-and-sales-teams",
                        "drchrono-staging", List.of("sales-user"), "Portal realm-admin test", null));
        signIn(chromium, server, "workforce", "realm.admin");
        assertThat(nav(chromium)).contains("All requests");
        open(chromium, "#/all-requests/pending");
        decide(chromium, "Portal realm-admin test", "portal-all-requests", "Not needed this quarter", "Deny");
        open(chromium, "#/all-requests/denied");
        assertThat(row("Portal realm-admin test").getText()).contains("denied", "realm.admin: Not needed this quarter");
        assertThat(AmpApi.as(oidc.accessToken("workforce", "drchrono", "sam.sales")).realm("workforce").requests().mine())
                .filteredOn(mine -> mine.id().equals(asked.id())).singleElement()
                .extracting(io.amp.keycloak.client.representation.AccessRequest::status).isEqualTo("denied");
    }

    /**
     * Every control of the page is named (a label, or an aria-label where the row says what it acts
     * on), and on a phone-sized screen nothing is wider than the screen; screenshots of both sizes.
     */
    static void usable(Chromium browser, String screenshot) {
        List<?> unnamed = (List<?>) browser.driver.executeScript("return [...document.querySelectorAll('input, select, textarea, button')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !(e.textContent || '').trim())"
                + ".map(e => e.outerHTML)");
        assertThat(unnamed).as("controls without a name").isEmpty();
        browser.screenshot(screenshot);
        browser.size(Chromium.PHONE);
        try {
            Number overflow = (Number) browser.driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow.intValue()).as("pixels wider than a phone's screen").isLessThanOrEqualTo(0);
            browser.screenshot(screenshot + "-phone");
        } finally {
            browser.size(Chromium.LAPTOP);
        }
    }

    @Test
    @DisplayName("With the keyboard only, alice.admin opens + Grant Access, grants nina.nogrant, switches her access off with Space and removes her")
    void keyboardOnly() {
        signIn(chromium, server, Portal.REALM, "alice.admin");
        open(chromium, "#/site/acme-cardio-south");
        WebElement opener = chromium.shown(By.cssSelector("[data-testid=grant-access]"));
        opener.sendKeys(Keys.ENTER);
        assertThat(opener.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(focused().getAttribute("name")).as("the form takes the focus").isEqualTo("kind");
        focused().sendKeys(Keys.ARROW_RIGHT);
        assertThat(focused().getAttribute("value")).as("arrow keys move between the two choices").isEqualTo("email");
        chromium.driver.findElement(By.cssSelector("#amp-grant-form input[name=email]")).sendKeys(NINA, Keys.ENTER);
        expectMessage(chromium, "Access granted to " + NINA);
        assertThat(sitesOf("nina.nogrant")).contains("acme-cardio-south");

        WebElement access = row(NINA).findElement(By.cssSelector("input[role=switch]"));
        assertThat(access.getAttribute("aria-label")).isEqualTo("Access of " + NINA);
        access.sendKeys(Keys.SPACE);
        expectMessage(chromium, "Access of " + NINA + " turned off");
        assertThat(sitesOf("nina.nogrant")).doesNotContain("acme-cardio-south");

        row(NINA).findElement(By.xpath(".//button[normalize-space()='Remove']")).sendKeys(Keys.ENTER);
        assertThat(focused().getText()).as("the confirmation takes the focus").isEqualTo("Confirm removal");
        focused().sendKeys(Keys.ENTER);
        expectMessage(chromium, NINA + " removed");
        assertThat(view(chromium)).doesNotContain(NINA);
    }

    private WebElement focused() {
        return chromium.driver.switchTo().activeElement();
    }

    @Test
    @DisplayName("alice.admin creates and renames a department and creates and edits a Department Viewer in the portal; dan.dept is told why he may not edit vera.viewer")
    void departmentsAndUsersFromThePortal() {
        Portal portal = new Portal();
        String acme = portal.accountId("acme-health");
        String department = Fixtures.uniqueName("Oncology");
        String username = Fixtures.uniqueName("staff");
        Cleanup cleanup = new Cleanup();
        cleanup.add(() -> portal.realm().users().searchByUsername(username, true)
                .forEach(user -> portal.realm().users().delete(user.getId()).close()));
        cleanup.add(() -> Portal.adminApi().accounts().get(acme).departments().list().stream()
                .filter(created -> created.name().startsWith(department)).forEach(created -> portal.removeDepartment(acme, created.id())));
        try {
            signIn(chromium, server, Portal.REALM, "alice.admin");
            click(By.linkText("Acme Health"));
            chromium.shown(By.name("name")).sendKeys(department);
            click(By.xpath("//button[normalize-space()='Create department']"));
            expectMessage(chromium, "Department " + department + " created");
            row(department).findElement(By.xpath(".//button[normalize-space()='Rename']")).click();
            WebElement name = row(department).findElement(By.name("name"));
            name.clear();
            name.sendKeys(department + " Care");
            row(department).findElement(By.xpath(".//button[normalize-space()='Save']")).click();
            expectMessage(chromium, "Department renamed to " + department + " Care");

            click(By.xpath("//summary[normalize-space()='Create a user']"));
            chromium.shown(By.name("username")).sendKeys(username);
            chromium.driver.findElement(By.cssSelector("details input[name=email]")).sendKeys(username + "@acme-health.example");
            chromium.driver.findElement(By.cssSelector("details input[name=lastName]")).sendKeys("Created");
            choose("role", "department-viewer");
            click(By.xpath("//details//label[normalize-space()='Radiology']"));
            click(By.xpath("//button[normalize-space()='Create user']"));
            expectMessage(chromium, "User " + username + " created");
            assertThat(row(username).getText()).contains("Department Viewer", "Radiology");

            row(username).findElement(By.xpath(".//button[normalize-space()='Edit']")).click();
            WebElement lastName = row(username).findElement(By.name("lastName"));
            lastName.clear();
            lastName.sendKeys("Edited");
            row(username).findElement(By.xpath(".//button[normalize-space()='Save']")).click();
            expectMessage(chromium, "User " + username + " saved");
            assertThat(portal.realm().users().searchByUsername(username, true)).singleElement()
                    .satisfies(user -> assertThat(user.getLastName()).isEqualTo("Edited"));

            signIn(chromium, server, Portal.REALM, "dan.dept");
            click(By.linkText("Acme Health"));
            row("vera.viewer").findElement(By.xpath(".//button[normalize-space()='Edit']")).click();
            row("vera.viewer").findElement(By.xpath(".//button[normalize-space()='Save']")).click();
            assertThat(chromium.shown(By.cssSelector("#amp-alerts .pf-v5-c-alert.pf-m-danger")).getText()).contains("HTTP 403");
        } finally {
            cleanup.run();
        }
    }
}
