package io.amp.keycloak.tokenbenchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The access token and token response of every demo user at every application client of their
 * realm (the confidential clients that allow the password grant), in both arms: the issue's
 * "access token at most 4 KB for every demo user". Users and clients are read from the realm files
 * the server imported, so a new demo user is measured without a change here.
 */
final class TokenSizes {

    /** One user at one client; sizes per arm, 0 where the grant failed ({@code note} says why). */
    record Row(String realm, String client, String user, Map<Arm, Integer> accessTokenBytes, Map<Arm, Integer> responseBytes, String note) {
    }

    /** A user of a realm the import files do not list (created by the benchmark), measured too. */
    record Extra(String realm, String client, String user) {
    }

    private TokenSizes() {
    }

    static List<Row> measure(URI base, ArmSwitch switches, Path importDir, List<Extra> extras) throws IOException {
        List<Extra> pairs = new ArrayList<>();
        try (Stream<Path> files = Files.list(importDir)) {
            for (Path file : files.filter(path -> path.toString().endsWith("-realm.json")).sorted().toList()) {
                JsonNode realm = Json.read(Files.readString(file));
                String name = realm.get("realm").asText();
                for (JsonNode client : realm.path("clients")) {
                    if (client.hasNonNull("secret") && client.path("directAccessGrantsEnabled").asBoolean(false)) {
                        for (JsonNode user : realm.path("users")) {
                            pairs.add(new Extra(name, client.get("clientId").asText(), user.get("username").asText()));
                        }
                    }
                }
            }
        }
        pairs.addAll(extras);
        List<Map<Arm, Integer>> access = new ArrayList<>();
        List<Map<Arm, Integer>> response = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            access.add(new EnumMap<>(Arm.class));
            response.add(new EnumMap<>(Arm.class));
            notes.add(null);
        }
        TokenClient client = new TokenClient(base);
        for (Arm arm : Arm.values()) {
            pairs.stream().map(pair -> pair.realm() + "\n" + pair.client()).distinct()
                    .forEach(key -> switches.apply(key.split("\n")[0], key.split("\n")[1], arm));
            for (int i = 0; i < pairs.size(); i++) {
                Extra pair = pairs.get(i);
                Http.Response answer = client.password(pair.realm(), pair.client(), Scenario.DEMO_SECRET, pair.user(), Scenario.DEMO_PASSWORD);
                Outcome outcome = Outcome.of(answer);
                access.get(i).put(arm, outcome.accessTokenBytes());
                response.get(i).put(arm, outcome.responseBytes());
                if (!outcome.ok() && notes.get(i) == null) {
                    notes.set(i, outcome.error());
                }
            }
        }
        pairs.stream().map(pair -> pair.realm() + "\n" + pair.client()).distinct()
                .forEach(key -> switches.apply(key.split("\n")[0], key.split("\n")[1], Arm.AMP));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Extra pair = pairs.get(i);
            rows.add(new Row(pair.realm(), pair.client(), pair.user(), access.get(i), response.get(i), notes.get(i)));
        }
        return rows;
    }
}
