package org.feedmesh.webapp.e2e;

import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;

/**
 * Polls the page until a condition holds, with a deadline; a page that is still being re-rendered
 * (an element missing or replaced) just means "not yet".
 */
final class Waits {
  private final WebDriver driver;
  private final Duration within;

  Waits(WebDriver driver, Duration within) {
    this.driver = driver;
    this.within = within;
  }

  void until(String what, Function<WebDriver, Boolean> condition) {
    long deadline = System.nanoTime() + within.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(condition.apply(driver))) {
          return;
        }
      } catch (NoSuchElementException | StaleElementReferenceException e) {
        last = e;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
    throw new AssertionError("timed out waiting until " + what + " (at " + driver.getCurrentUrl()
        + ")", last);
  }

  void urlContains(String part) {
    until("the URL contains " + part, d -> d.getCurrentUrl().contains(part));
  }

  void text(By where, String text) {
    until("'" + text + "' shows in " + where, d -> d.findElement(where).getText().contains(text));
  }

  void count(By what, int n) {
    until(n + " of " + what, d -> d.findElements(what).size() == n);
  }
}
