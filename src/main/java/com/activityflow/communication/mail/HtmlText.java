package com.activityflow.communication.mail;

import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns the HTML body of a mail into plain text: jsoup parses it as a browser would (broken
 * markup included), then only text survives. Scripts, styles, hidden elements and comments
 * are dropped; block elements and {@code <br>} become line breaks, list items get a dash, and
 * a link keeps its web or mail address in angle brackets (other schemes, e.g. {@code
 * javascript:}, are dropped). No markup is left, so the result is safe wherever plain text is.
 */
final class HtmlText {

  private static final Set<String> BLOCKS =
      Set.of(
          "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset", "figcaption",
          "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
          "ol", "p", "pre", "section", "table", "tr", "ul");

  private HtmlText() {}

  static String toPlainText(String html) {
    if (html == null || html.isBlank()) {
      return null;
    }
    Document doc = Jsoup.parse(html);
    doc.select("script, style, head, template, noscript, object, embed, iframe, [hidden]").remove();
    doc.select("[style~=(?i)display\\s*:\\s*none]").remove();
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(new Writer(out), doc.body());
    String text = out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    return text.isEmpty() ? null : Text.clean(text);
  }

  private static final class Writer implements NodeVisitor {

    private final StringBuilder out;
    private int pre;

    Writer(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode text) {
        if (pre > 0) {
          out.append(text.getWholeText());
        } else {
          String collapsed = text.getWholeText().replaceAll("\\s+", " ");
          if (collapsed.startsWith(" ") && (out.isEmpty() || Character.isWhitespace(out.charAt(out.length() - 1)))) {
            collapsed = collapsed.substring(1);
          }
          out.append(collapsed);
        }
      } else if (node instanceof Element e) {
        String tag = e.normalName();
        if (tag.equals("br")) {
          out.append('\n');
        } else if (BLOCKS.contains(tag)) {
          newLine();
          if (tag.equals("li")) {
            out.append("- ");
          }
        } else if (tag.equals("td") || tag.equals("th")) {
          if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\t');
          }
        }
        if (tag.equals("pre")) {
          pre++;
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element e) {
        String tag = e.normalName();
        if (tag.equals("pre")) {
          pre--;
        }
        if (tag.equals("a")) {
          String href = e.attr("href").strip();
          String lower = href.toLowerCase(Locale.ROOT);
          boolean shown = lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:");
          String label = e.text().strip();
          String target = lower.startsWith("mailto:") ? href.substring(7) : href;
          if (shown && !label.equalsIgnoreCase(target) && !label.equalsIgnoreCase(href)) {
            out.append(" <").append(href).append('>');
          }
        }
        if (BLOCKS.contains(tag) && !tag.equals("li")) {
          newLine();
        }
      }
    }

    private void newLine() {
      if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
        out.append('\n');
      }
    }
  }
}
