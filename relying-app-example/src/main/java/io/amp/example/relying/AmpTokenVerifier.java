package io.amp.example.relying;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Verifies AMP access tokens of one realm for one API: the signature against the realm's JWKS
 * (found through the realm's discovery document, keys cached and refreshed by Nimbus), the issuer,
 * expiry, and that the token's audience names this API. Then reads the AMP claims.
 */
public final class AmpTokenVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String clientId;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** Thrown for any token this API must not accept; the message says why (for logs, not for callers). */
    public static final class InvalidToken extends Exception {
        InvalidToken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param issuer   the realm's URL, e.g. {@code https://id.example.com/realms/practice}
     * @param clientId this API's client id in the realm: tokens must name it in {@code aud}
     */
    public AmpTokenVerifier(URI issuer, String clientId) throws IOException, InterruptedException {
        this.clientId = clientId;
        HttpResponse<String> discovery = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (discovery.statusCode() != 200) {
            throw new IOException("No discovery document at " + issuer + ": " + discovery.statusCode());
        }
        Map<?, ?> configuration = JSON.readValue(discovery.body(), Map.class);
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create((String) configuration.get("jwks_uri")).toURL()).build();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer((String) configuration.get("issuer")).build(),
                Set.of("sub", "exp", "iat", "azp")));
    }

    public AmpToken verify(String token) throws InvalidToken {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidToken(e.getMessage(), e);
        }
        try {
            String azp = claims.getStringClaim("azp");
            return new AmpToken(claims.getSubject(), claims.getStringClaim("preferred_username"), azp, claims.getAudience(),
                    permissions(claims, azp), Optional.ofNullable(claims.getJSONObjectClaim("access_scope")).orElse(Map.of()),
                    sites(claims), elevation(claims, azp), token);
        } catch (ParseException | ClassCastException e) {
            throw new InvalidToken("AMP claims of an unexpected shape: " + e.getMessage(), e);
        }
    }

    private Set<String> permissions(JWTClaimsSet claims, String azp) throws ParseException {
        if (clientId.equals(azp)) {
            return strings(claims.getClaim("permissions"));
        }
        Map<String, Object> perAudience = claims.getJSONObjectClaim("audience_permissions");
        return perAudience == null ? Set.of() : strings(perAudience.get(clientId));
    }

    private static AmpToken.Sites sites(JWTClaimsSet claims) {
        Object sites = claims.getClaim("sites");
        if (sites instanceof List<?> keys) {
            return new AmpToken.Sites.Listed(keys.stream().map(String.class::cast).toList());
        }
        if (sites instanceof Map<?, ?> marker && Boolean.TRUE.equals(marker.get("overflow"))) {
            return new AmpToken.Sites.Overflow((String) marker.get("endpoint"));
        }
        return new AmpToken.Sites.Absent();
    }

    /** The elevation claim describes the token's own client: it matters only where this API is that client. */
    private Optional<AmpToken.Elevation> elevation(JWTClaimsSet claims, String azp) throws ParseException {
        Map<String, Object> elevation = claims.getJSONObjectClaim("elevation");
        if (elevation == null || !clientId.equals(azp)) {
            return Optional.empty();
        }
        return Optional.of(new AmpToken.Elevation((String) elevation.get("kind"), ((Number) elevation.get("until")).longValue(),
                strings(elevation.get("permissions"))));
    }

    private static Set<String> strings(Object value) {
        Set<String> strings = new TreeSet<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> strings.add((String) item));
        }
        return strings;
    }
}
