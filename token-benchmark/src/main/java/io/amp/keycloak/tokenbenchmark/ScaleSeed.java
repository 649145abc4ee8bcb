package io.amp.keycloak.tokenbenchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the {@link ScalePlan} through the APIs an operator would use: Keycloak's admin API for
 * organizations (accounts), groups and users, AMP's admin surface
 * ({@code /admin/realms/portal/amp-consultant-access}) for departments, sites and grants. Requests
 * run concurrently. A request that fails with a server error or a broken connection is tried
 * again (three times at most) and noted: the notes are part of the results, since the server
 * should not fail under this load.
 */
final class ScaleSeed {

    static final String AMP = "admin/realms/" + ScalePlan.REALM + "/amp-consultant-access/";

    /** A grant the admin calls may switch off and on again. */
    record GrantRef(String siteKey, String id) {
    }

    /** What the admin calls and the report need from the seeding. */
    record Data(List<String> accountIds, List<GrantRef> toggles, Map<String, Double> seconds, List<String> anomalies) {
    }

    private static final int MAX_TOGGLES = 20_000;

    private final AdminApi admin;
    private final ScalePlan plan;
    private final int threads;
    private final ConcurrentLinkedQueue<String> anomalies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger anomalyCount = new AtomicInteger();

    ScaleSeed(AdminApi admin, ScalePlan plan, int threads) {
        this.admin = admin;
        this.plan = plan;
        this.threads = threads;
    }

    Data seed(DemoSeed demo) throws InterruptedException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        String realm = "admin/realms/" + ScalePlan.REALM + "/";

        String[] accounts = new String[plan.accounts()];
        seconds.put("accounts", Parallel.run("accounts (organizations)", threads, plan.accounts(), a -> accounts[a] = create(
                realm + "organizations", Map.of("name", "Scale Account " + (a + 1), "alias", plan.accountAlias(a),
                        "domains", List.of(Map.of("name", plan.accountAlias(a) + ".example"))))));

        String[][] departments = new String[plan.accounts()][plan.departmentsPerAccount()];
        int perAccount = plan.departmentsPerAccount();
        seconds.put("departments", Parallel.run("departments", threads, plan.accounts() * perAccount, i -> departments[i / perAccount][i % perAccount] =
                create(AMP + "accounts/" + accounts[i / perAccount] + "/departments", Map.of("name", "Department " + (i % perAccount + 1)))));

        seconds.put("sites", Parallel.run("sites", threads, plan.sites(), s -> create(AMP + "accounts/" + accounts[plan.accountOf(s)]
                + "/departments/" + departments[plan.accountOf(s)][plan.departmentOf(s)] + "/sites",
                Map.of("key", plan.siteKey(s), "name", "Scale site " + s))));

        String parent = consultantGroupsId();
        String[] groups = new String[plan.groups()];
        seconds.put("consultant groups", Parallel.run("consultant groups", threads, plan.groups(),
                g -> groups[g] = create(realm + "groups/" + parent + "/children", Map.of("name", plan.groupName(g)))));

        JsonNode consultantRole = admin.get(realm + "roles/partner-consultant");
        List<ScalePlan.Holder> holders = plan.holders();
        seconds.put("consultants", Parallel.run("consultants", threads, holders.size() + plan.regularConsultants(), i -> {
            boolean holder = i < holders.size();
            String username = holder ? holders.get(i).username() : plan.regularConsultant(i - holders.size());
            String id = demo.user(ScalePlan.REALM, username, Map.of());
            admin.expect("POST", realm + "users/" + id + "/role-mappings/realm", List.of(consultantRole), 204);
            List<Integer> memberOf = holder ? holders.get(i).groups() : List.of(plan.groupOfRegular(i - holders.size()));
            for (int group : memberOf) {
                admin.expect("PUT", realm + "users/" + id + "/groups/" + groups[group], null, 204);
            }
            if (holder) {
                demo.password(ScalePlan.REALM, id);
            }
        }));

        List<int[]> pairs = new ArrayList<>(plan.totalGrants());
        for (int g = 0; g < plan.groups(); g++) {
            for (int site : plan.sitesOf(g)) {
                pairs.add(new int[] {g, site});
            }
        }
        List<GrantRef> toggles = Collections.synchronizedList(new ArrayList<>());
        seconds.put("grants", Parallel.run("grants", threads, pairs.size(), i -> {
            int group = pairs.get(i)[0];
            String site = plan.siteKey(pairs.get(i)[1]);
            String id = create(AMP + "sites/" + site + "/grants", Map.of("group", plan.groupName(group)));
            if (plan.isFiller(group) && id != null && toggles.size() < MAX_TOGGLES) {
                toggles.add(new GrantRef(site, id));
            }
        }));

        long start = System.nanoTime();
        List<JsonNode> roles = demo.catalogRoles();
        for (int u = 0; u < plan.catalogUsers(); u++) {
            demo.catalogUser(plan.catalogUser(u), roles);
        }
        seconds.put("catalog users", (System.nanoTime() - start) / 1e9);
        List<String> notes = new ArrayList<>(anomalies);
        if (anomalyCount.get() > notes.size()) {
            notes.add("... " + (anomalyCount.get() - notes.size()) + " more");
        }
        return new Data(List.of(accounts), List.copyOf(toggles), seconds, notes);
    }

    private String consultantGroupsId() {
        for (JsonNode group : admin.get("admin/realms/" + ScalePlan.REALM + "/groups?search=consultant-groups&exact=true")) {
            if (group.get("name").asText().equals("consultant-groups")) {
                return group.get("id").asText();
            }
        }
        throw new IllegalStateException("No group /consultant-groups in realm " + ScalePlan.REALM);
    }

    /**
     * POST with retries on server errors; the id created (null for what has none, e.g. a site, known
     * by its key, or when a retry found it already created: 409).
     */
    private String create(String path, Object body) {
        String last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                Http.Response response = admin.send("POST", path, body);
                if (response.status() == 201) {
                    return admin.idOf(response);
                }
                if (response.status() == 409 && attempt > 1) {
                    note("POST " + path + ": 409 on attempt " + attempt + " (the failed attempt had created it)");
                    return null;
                }
                if (response.status() < 500) {
                    throw new IllegalStateException("POST " + path + " answered " + response);
                }
                last = response.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            note("POST " + path + " attempt " + attempt + ": " + last);
        }
        throw new IllegalStateException("POST " + path + " failed three times, last: " + last);
    }

    private void note(String text) {
        if (anomalyCount.incrementAndGet() <= 20) {
            anomalies.add(text);
        }
    }
}
