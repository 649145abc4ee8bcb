package io.amp.keycloak.tokenbenchmark;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keycloak's login form ({@code <form id="kc-form-login" action="...">}) read from the page's
 * HTML: where it posts to and its hidden fields. A few regular expressions are enough for the
 * markup of Keycloak's themes; an HTML parser would be one more dependency for one form.
 */
record LoginForm(URI action, Map<String, String> hidden) {

    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*\\bid=\"kc-form-login\"[^>]*>(.*?)</form>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("\\b(type|name|value)=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    static LoginForm parse(String html, URI page) {
        Matcher form = FORM.matcher(html);
        if (!form.find()) {
            throw new IllegalStateException("No login form (kc-form-login) on " + page + ": " + Json.abbreviate(html));
        }
        Matcher action = ACTION.matcher(form.group(0).substring(0, form.group(0).indexOf('>') + 1));
        if (!action.find()) {
            throw new IllegalStateException("The login form on " + page + " has no action");
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form.group(1));
        while (input.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(input.group());
            while (attribute.find()) {
                attributes.put(attribute.group(1).toLowerCase(), unescape(attribute.group(2)));
            }
            if ("hidden".equalsIgnoreCase(attributes.get("type")) && attributes.containsKey("name")) {
                hidden.put(attributes.get("name"), attributes.getOrDefault("value", ""));
            }
        }
        return new LoginForm(page.resolve(unescape(action.group(1))), hidden);
    }

    static String queryParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IllegalStateException("No " + name + " in " + uri);
    }

    private static String unescape(String value) {
        return value.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
    }
}
