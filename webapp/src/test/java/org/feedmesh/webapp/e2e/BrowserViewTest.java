package org.feedmesh.webapp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.webapp.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The browser view end to end in Debian's headless Chromium: sign in, watch a namespace fill live
 * as a publishing client adds items, open an item, resolve a conflict, look at the endpoints and
 * their transfers, sign out; and a wrong token. Screenshots go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserViewTest {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir static Path data;
  private WebServer web;
  private String laptop;
  private String phone;
  private WebDriver driver;
  private Waits wait;

  @BeforeAll
  void start() throws IOException {
    if (!new File(CHROMEDRIVER).canExecute() || !new File(CHROMIUM).canExecute()) {
      throw new IllegalStateException(
          "the browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
              + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver, as .ci/run does");
    }
    web = WebServer.start(data);
    web.namespace("photos");
    web.namespace("music");
    laptop = web.endpoint("laptop", "photos", "music");
    phone = web.endpoint("phone", "photos");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 900));
    wait = new Waits(driver, Duration.ofSeconds(20));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (web != null) {
      web.close();
    }
  }

  private void shot(String name) throws IOException {
    File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private void signIn(String token) {
    driver.get(web.url("/"));
    wait.urlContains("/ui/sign-in");
    WebElement field = driver.findElement(By.id("token"));
    field.sendKeys(token);
    driver.findElement(By.id("sign-in")).click();
  }

  private void waitForText(By where, String text) {
    wait.text(where, text);
  }

  private static Item photo(String path, String by, long size, int minutes) {
    return WebServer.file("photos", path, by, size, Instant.now().minusSeconds(60L * minutes)
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  @Test
  void signInWatchItemsArriveResolveAConflictAndSignOut() throws Exception {
    signIn(laptop);
    wait.until("the namespaces page", d -> d.getCurrentUrl().equals(web.url("/")));
    By photosItems = By.cssSelector("#namespaces tr[data-namespace=photos] td.items");
    waitForText(photosItems, "0");
    assertTrue(driver.findElements(By.cssSelector("tr[data-namespace=music]")).size() == 1);
    wait.until("the live stream is open", d -> d.findElement(By.id("live")).getText().equals("live"));

    // A publishing client adds items; the namespaces page counts them without a reload.
    List<Item> first = new ArrayList<>();
    String[] names = {"2026/beach.jpg", "2026/dunes.jpg", "2026/sunset.raw", "albums/index.txt",
        "albums/family/cake.png", "albums/family/grandma.png", "scans/passport.pdf"};
    long[] sizes = {3_481_223, 2_902_118, 25_431_998, 812, 1_204_551, 987_003, 402_113};
    for (int i = 0; i < names.length; i++) {
      first.add(photo(names[i], i % 3 == 0 ? "phone" : "laptop", sizes[i], 90 - i * 11));
    }
    web.publish("photos", laptop, first.stream().filter(it -> "laptop".equals(it.topmost().by()))
        .toList());
    web.publish("photos", phone, first.stream().filter(it -> "phone".equals(it.topmost().by()))
        .toList());
    waitForText(photosItems, "7");

    // The namespace page: the items table, then a new item appears live.
    driver.findElement(By.linkText("photos")).click();
    wait.urlContains("/ui/namespaces/photos");
    wait.until("the page updates", d -> d.findElements(By.cssSelector("#items tbody tr[data-id]")).size() == 7);
    WebElement atom = driver.findElement(
        By.cssSelector("head link[rel=alternate][type='application/atom+xml']"));
    assertEquals(web.url("/feeds/photos"), atom.getAttribute("href"));
    web.publish("photos", phone, List.of(photo("2026/harbour.jpg", "phone", 4_100_500, 3)));
    wait.until("the page updates", d -> d.findElements(By.cssSelector("#items tbody tr[data-id]")).size() == 8);

    // Two endpoints write the same path concurrently: the conflict badge appears live.
    Item mine = photo("notes/todo.txt", "laptop", 120, 2);
    Item theirs = photo("notes/todo.txt", "phone", 164, 1);
    web.publish("photos", laptop, List.of(mine));
    web.publish("photos", phone, List.of(theirs));
    By conflictRow = By.cssSelector("#items tr[data-id='" + mine.id() + "'] .badge.conflict");
    wait.until("the conflict badge", d -> d.findElement(conflictRow).isDisplayed());
    web.applied("photos", phone, FileMeta.itemId("photos", "2026/beach.jpg"), 1);
    web.applied("photos", laptop, FileMeta.itemId("photos", "2026/harbour.jpg"), 1);
    wait.until("the page updates", d -> d.findElement(By.cssSelector(
        "#items tr[data-id='" + FileMeta.itemId("photos", "2026/harbour.jpg") + "'] td.delivered"))
        .getText().equals("2 of 2"));
    shot("namespace-page");

    // Sorting and filtering.
    driver.findElement(By.cssSelector("th[data-sort=size] button")).click();
    wait.until("the page updates", d -> d.findElement(By.cssSelector("#items tbody tr th.path a")).getText()
        .equals("2026/sunset.raw"));
    driver.findElement(By.id("q")).sendKeys("family");
    wait.until("the page updates", d -> d.findElements(By.cssSelector("#items tbody tr[data-id]")).size() == 2);
    driver.findElement(By.id("q")).clear();
    driver.findElement(By.id("q")).sendKeys("todo");
    wait.until("the page updates", d -> d.findElements(By.cssSelector("#items tbody tr[data-id]")).size() == 1);

    // The item: versions side by side; keep the laptop's (losing) version.
    driver.findElement(By.linkText("notes/todo.txt")).click();
    wait.urlContains("/items/" + mine.id());
    wait.until("the page updates", d -> d.findElements(By.cssSelector("#versions article.version")).size() == 2);
    shot("item-conflict");
    WebElement loser = driver.findElement(By.cssSelector("#versions article.version:not(.current)"));
    assertTrue(loser.getText().contains("laptop"), loser.getText());
    loser.findElement(By.cssSelector("button.keep")).click();
    waitForText(By.id("messages"), "Conflict resolved");
    wait.until("the page updates", d -> d.findElements(By.cssSelector("#versions article.version")).size() == 1);
    Item resolved = web.server.journal().current("photos", mine.id()).orElseThrow();
    assertTrue(resolved.conflicts().isEmpty());
    assertEquals(120, resolved.payload().file().size());
    assertEquals("laptop", resolved.topmost().by());
    waitForText(By.id("blob"), "Who holds it");
    shot("item-resolved");

    // Endpoints: devices and a live graph of recent transfers.
    driver.findElement(By.linkText("Endpoints")).click();
    wait.urlContains("/ui/endpoints");
    waitForText(By.id("endpoints"), "phone");
    announce(phone, "{\"addresses\":[\"http://192.168.1.20:7070\"],\"cursors\":{\"photos\":9},"
        + "\"transfers\":[{\"from\":\"laptop\",\"bytes\":7340032,\"blocks\":7},"
        + "{\"from\":\"server\",\"bytes\":1048576,\"blocks\":1}],"
        + "\"lanPeers\":[{\"endpoint\":\"laptop\",\"address\":\"192.168.1.21:7070\","
        + "\"cursors\":{\"photos\":11}}]}");
    announce(laptop, "{\"addresses\":[\"http://192.168.1.21:7070\"],\"cursors\":{\"photos\":11},"
        + "\"transfers\":[{\"from\":\"phone\",\"bytes\":4100500,\"blocks\":4}]}");
    wait.until("the page updates", d -> d.findElements(By.cssSelector("#graph path.edge")).size() == 3);
    waitForText(By.cssSelector("tr[data-endpoint=phone]"), "192.168.1.21:7070");
    waitForText(By.cssSelector("tr[data-endpoint=phone]"), "online");
    shot("endpoints-page");

    // Sign out: back at the form, and the view is closed.
    driver.findElement(By.id("sign-out")).click();
    wait.urlContains("/ui/sign-in");
    waitForText(By.tagName("main"), "You are signed out.");
    driver.get(web.url("/ui/endpoints"));
    wait.urlContains("/ui/sign-in?next=");
  }

  @Test
  void aWrongTokenShowsAnErrorMessage() throws Exception {
    signIn("fm_this-is-not-a-token");
    waitForText(By.id("sign-in-error"), "That token is unknown or revoked");
    assertFalse(driver.manage().getCookies().stream()
        .anyMatch(c -> c.getName().equals("feedmesh_session")));
    shot("sign-in-error");
  }

  private void announce(String token, String json) throws IOException {
    try (Response r = web.send("PUT", "/endpoints/self", token, json)) {
      assertEquals(200, r.code(), r.body().string());
    }
  }
}
