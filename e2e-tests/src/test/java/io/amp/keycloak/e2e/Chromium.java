package io.amp.keycloak.e2e;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: never a downloaded browser.
 * Where either is missing, {@link #startOrSkip} skips the test class with a NOTICE ({@code .ci/run}
 * installs both). One instance is one browser with its own cookies, i.e. its own sign-ins.
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** The laptop and the phone-sized screen every portal page must be usable at. */
    static final Dimension LAPTOP = new Dimension(1280, 800);
    static final Dimension PHONE = new Dimension(390, 844);
    /** Where screenshots go besides target/screenshots: {@code -Damp.screenshots=docs/screenshots} regenerates the README's. */
    private static final String SCREENSHOTS = System.getProperty("amp.screenshots", "");

    final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    static Chromium startOrSkip(String testClass) {
        boolean present = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (!present) {
            System.out.println("NOTICE: " + testClass + " skipped: " + BINARY + " and " + DRIVER
                    + " are needed (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + LAPTOP.getWidth() + "," + LAPTOP.getHeight());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new Chromium(new ChromeDriver(service, options));
    }

    /** Forgets every sign-in: all cookies of every site, and this tab's storage. */
    void forgetSignIns() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.get("about:blank");
    }

    /** A wait that also outlasts elements replaced while it looks (the portal redraws its view after each action). */
    WebDriverWait waiting(int seconds) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Waits for an element to be shown, then returns it. */
    WebElement shown(By by) {
        return waiting(20).until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /**
     * Signs in on Keycloak's login page, which the browser is on; in a realm with organizations the
     * username comes first, on a page of its own, and the password on the next.
     */
    void signInOnKeycloak(String username) {
        shown(By.id("username")).sendKeys(username);
        if (driver.findElements(By.id("password")).isEmpty()) {
            driver.findElement(By.id("kc-login")).click();
        }
        shown(By.id("password")).sendKeys(Oidc.DEMO_PASSWORD);
        driver.findElement(By.id("kc-login")).click();
    }

    void size(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}, and under {@code amp.screenshots} when set. */
    void screenshot(String name) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png");
            Files.write(target, png);
            if (!SCREENSHOTS.isBlank()) {
                Files.write(Files.createDirectories(Path.of(SCREENSHOTS)).resolve(name + ".png"), png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
