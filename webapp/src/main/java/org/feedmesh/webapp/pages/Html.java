package org.feedmesh.webapp.pages;

import java.util.Map;
import java.util.Objects;

/**
 * The view's HTML pages: one layout, server-rendered heads and skeletons that the page's script
 * fills from the JSON API. Every value put into a page goes through {@link #escape}. Pages load no
 * inline script (the Content-Security-Policy forbids it); a page's data travels in {@code data-}
 * attributes of {@code <body>}.
 */
public final class Html {
  private Html() {}

  /** Escapes text for HTML element content and double-quoted attribute values. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A page.
   *
   * @param page the page's name: its script is {@code /ui/assets/NAME.js} (none when null)
   * @param data {@code data-} attributes of {@code <body>} (names without the prefix)
   * @param head extra elements for {@code <head>}, already HTML
   * @param user who is signed in and the CSRF token for the sign-out form; null on the sign-in page
   * @param main the page's content, already HTML
   */
  public static String page(
      String title,
      String page,
      Map<String, String> data,
      String head,
      User user,
      String main) {
    Objects.requireNonNull(title, "title");
    StringBuilder b = new StringBuilder(2048);
    b.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(title))
        .append(" · FeedMesh</title>\n")
        .append("<link rel=\"stylesheet\" href=\"/ui/assets/app.css\">\n")
        .append("<link rel=\"icon\" href=\"/ui/assets/icon.svg\" type=\"image/svg+xml\">\n")
        .append(head == null ? "" : head)
        .append("</head>\n<body");
    if (page != null) {
      b.append(" data-page=\"").append(escape(page)).append('"');
    }
    data.forEach(
        (k, v) -> b.append(" data-").append(escape(k)).append("=\"").append(escape(v)).append('"'));
    b.append(">\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"top\">\n")
        .append("<p class=\"brand\"><a href=\"/\">FeedMesh</a></p>\n");
    if (user != null) {
      b.append("<nav aria-label=\"Main\"><ul>")
          .append("<li><a href=\"/\">Namespaces</a></li>")
          .append("<li><a href=\"/ui/endpoints\">Endpoints</a></li></ul></nav>\n")
          .append("<form method=\"post\" action=\"/ui/sign-out\" class=\"signout\">")
          .append("<input type=\"hidden\" name=\"csrf\" value=\"")
          .append(escape(user.csrf()))
          .append("\"><span>Signed in as <strong id=\"whoami\">")
          .append(escape(user.id()))
          .append("</strong></span> <button type=\"submit\" id=\"sign-out\">Sign out</button>")
          .append("</form>\n")
          .append("<p id=\"live\" class=\"live\" role=\"status\" aria-live=\"polite\">")
          .append("connecting…</p>\n");
    }
    b.append("</header>\n<main id=\"main\">\n")
        .append("<div id=\"messages\" class=\"messages\" role=\"alert\" aria-live=\"assertive\">")
        .append("</div>\n")
        .append(main)
        .append("\n</main>\n");
    if (page != null) {
      b.append("<script src=\"/ui/assets/app.js\"></script>\n")
          .append("<script src=\"/ui/assets/")
          .append(escape(page))
          .append(".js\"></script>\n");
    }
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  /** The signed-in user as a page shows it. */
  public record User(String id, String csrf) {}
}
