package io.amp.example.relying;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Whether a token's user may access a site. A listed {@code sites} claim answers at once; past the
 * realm's limit the claim is an overflow marker, and the API asks the endpoint it names, with the
 * user's own token, a page at a time.
 */
public final class SiteAccess {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    private final URI server;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param server the Keycloak base URL the endpoint path is relative to, e.g. {@code https://id.example.com/} */
    public SiteAccess(URI server) {
        this.server = server;
    }

    public boolean allows(AmpToken token, String siteKey) throws IOException, InterruptedException {
        if (token.sites() instanceof AmpToken.Sites.Listed listed) {
            return listed.keys().contains(siteKey);
        }
        if (token.sites() instanceof AmpToken.Sites.Overflow overflow) {
            return listedByEndpoint(token, server.resolve(overflow.endpoint().replaceFirst("^/", "")), siteKey);
        }
        return false;
    }

    private boolean listedByEndpoint(AmpToken token, URI endpoint, String siteKey) throws IOException, InterruptedException {
        for (int first = 0; ; first += PAGE) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "?first=" + first + "&max=" + PAGE))
                    .header("Authorization", "Bearer " + token.raw()).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("The sites endpoint answered " + response.statusCode());
            }
            JsonNode body = JSON.readTree(response.body());
            for (JsonNode key : body.path("sites")) {
                if (key.asText().equals(siteKey)) {
                    return true;
                }
            }
            if (!body.path("more").asBoolean()) {
                return false;
            }
        }
    }
}
