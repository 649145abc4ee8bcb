package io.amp.keycloak.e2e;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a browser does on Keycloak's login pages, without JavaScript: keeps cookies, reads the
 * HTML, fills and submits forms the way they are written (hidden fields included), and stops at
 * the redirect back to the application, which carries the authorization code. One instance is one
 * browser; its cookies are its single sign-on. Like a browser on localhost, it sends Keycloak's
 * Secure cookies over the suite's plain-HTTP loopback (java.net's CookieManager would not).
 */
public final class Browser {

    /** Allowed by the demo clients ({@code http://localhost:*}); nothing listens there, and nothing needs to. */
    public static final String REDIRECT_URI = "http://localhost:1/callback";

    private final KeycloakServer server;
    /** Cookies by path and name; Keycloak scopes its cookies to a realm's path. */
    private final Map<String, HttpCookie> cookies = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public Browser(KeycloakServer server) {
        this.server = server;
    }

    /** A page, or the redirect that ends the login ({@link #code()} is then set). */
    public record Page(int status, URI uri, Document html, URI redirect) {
        public String code() {
            return codeOf(redirect);
        }

        public Element form(String id) {
            Element form = html.getElementById(id);
            if (form == null || !form.tagName().equals("form")) {
                throw new AssertionError("No form #" + id + " on " + uri + ":\n" + text());
            }
            return form;
        }

        /** The visible text of the page, for assertions on what the user is told. */
        public String text() {
            return html == null ? "" : html.body().text();
        }
    }

    /** Opens the login page of {@code clientId} in {@code realm}, as the application's redirect does. */
    public Page authorize(String realm, String clientId) {
        return authorize(realm, clientId, "openid");
    }

    public Page authorize(String realm, String clientId, String scope) {
        return get(URI.create(server.realmUrl(realm) + "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&scope=" + encode(scope) + "&redirect_uri=" + encode(REDIRECT_URI)));
    }

    /**
     * Submits form {@code formId} of {@code page} with its own fields, {@code fields} set over them,
     * and the button {@code button} (name=value) when given; follows redirects inside Keycloak.
     */
    public Page submit(Page page, String formId, Map<String, String> fields, String buttonName, String buttonValue) {
        Element form = page.form(formId);
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[name], textarea[name]")) {
            String type = input.attr("type");
            if (type.equals("checkbox") || type.equals("submit")) {
                continue;
            }
            values.put(input.attr("name"), input.tagName().equals("textarea") ? input.text() : input.attr("value"));
        }
        values.putAll(fields);
        if (buttonName != null) {
            values.put(buttonName, buttonValue);
        }
        URI action = page.uri().resolve(form.attr("action"));
        String body = values.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(action).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Page get(URI uri) {
        return follow(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /**
     * Any request this browser makes with its cookies and the given headers (and nothing else, no
     * Authorization header unless given), e.g. a call to an API while signed in; redirects are not followed.
     */
    public HttpResponse<String> call(String method, URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return send(request.build());
    }

    /** The names of the cookies this browser holds for {@code path}, e.g. Keycloak's KEYCLOAK_IDENTITY after a login. */
    public java.util.Set<String> cookieNames(String path) {
        return cookies.values().stream().filter(cookie -> path.startsWith(cookie.getPath())).map(HttpCookie::getName)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private Page follow(HttpRequest request) {
        for (int hops = 0; hops < 10; hops++) {
            HttpResponse<String> response = send(request);
            if (response.statusCode() / 100 == 3) {
                URI location = request.uri().resolve(response.headers().firstValue("Location").orElseThrow());
                if (location.toString().startsWith(REDIRECT_URI)) {
                    return new Page(response.statusCode(), request.uri(), null, location);
                }
                request = HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(30)).GET().build();
                continue;
            }
            return new Page(response.statusCode(), request.uri(), Jsoup.parse(response.body(), request.uri().toString()), null);
        }
        throw new AssertionError("More than 10 redirects from " + request.uri());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpRequest.Builder withCookies = HttpRequest.newBuilder(request, (name, value) -> true);
            String path = request.uri().getPath();
            String sent = cookies.values().stream().filter(cookie -> path.startsWith(cookie.getPath()))
                    .map(cookie -> cookie.getName() + "=" + cookie.getValue()).collect(Collectors.joining("; "));
            if (!sent.isEmpty()) {
                withCookies.header("Cookie", sent);
            }
            HttpResponse<String> response = http.send(withCookies.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                for (HttpCookie cookie : HttpCookie.parse(header)) {
                    if (cookie.getPath() == null) {
                        cookie.setPath(path.substring(0, path.lastIndexOf('/') + 1));
                    }
                    String key = cookie.getPath() + " " + cookie.getName();
                    if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                        cookies.remove(key);
                    } else {
                        cookies.put(key, cookie);
                    }
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The authorization code of a redirect back to the application; null for any other address. */
    public static String codeOf(URI redirect) {
        if (redirect == null || !redirect.toString().startsWith(REDIRECT_URI)) {
            return null;
        }
        return query(redirect).get("code");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
