package io.github.tweestap.support;

/** Small server-rendered pages outside the login flow (no auth session): escaped text, one simple layout. */
public final class HtmlPage {

    private HtmlPage() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A page with a title and a body that is already HTML (escape what goes into it). */
    public static String page(String language, String title, String bodyHtml) {
        return "<!DOCTYPE html><html lang=\"" + escape(language) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>body{font-family:system-ui,sans-serif;margin:0;"
                + "background:#f2f4f7;color:#151515}main{max-width:30rem;margin:3rem auto;background:#fff;"
                + "padding:2rem;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}h1{font-size:1.5rem}"
                + "button{font-size:1rem;padding:.6rem 1.2rem;background:#1f5f9f;color:#fff;border:0;border-radius:4px}"
                + "</style></head><body><main><h1>" + escape(title) + "</h1>" + bodyHtml + "</main></body></html>";
    }
}
