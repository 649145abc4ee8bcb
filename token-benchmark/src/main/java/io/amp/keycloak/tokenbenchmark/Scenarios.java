package io.amp.keycloak.tokenbenchmark;

import java.util.ArrayList;
import java.util.List;

/** The scenarios of a default run and of the scale part. */
final class Scenarios {

    static final String CATALOG_USER = "bench.catalog";

    private Scenarios() {
    }

    /** The demo realms' users and clients (plus what {@link DemoSeed} adds), in the order they run. */
    static List<Scenario> demo() {
        return List.of(
                new Scenario("password-ehr", Grant.PASSWORD, "practice", "ehr", Scenario.DEMO_SECRET, "dr.sun.all",
                        "dr.sun.all at ehr (practice)"),
                new Scenario("refresh-ehr", Grant.REFRESH, "practice", "ehr", Scenario.DEMO_SECRET, "dr.sun.all",
                        "dr.sun.all at ehr (practice)"),
                new Scenario("refresh-portal", Grant.REFRESH, "portal", "portal", Scenario.DEMO_SECRET, "carl.consultant",
                        "carl.consultant at portal, 1 site through 1 group"),
                new Scenario("refresh-catalog", Grant.REFRESH, "practice", "ehr", Scenario.DEMO_SECRET, CATALOG_USER,
                        "whole ehr catalog through 20 department roles"),
                new Scenario("client-credentials", Grant.CLIENT_CREDENTIALS, "practice", DemoSeed.SERVICE_CLIENT, DemoSeed.SERVICE_SECRET,
                        null, "service account of bench-service (practice), ehr's client scopes"),
                new Scenario("auth-code-ehr", Grant.AUTHORIZATION_CODE, "practice", "ehr", Scenario.DEMO_SECRET, "dr.sun.all",
                        "dr.sun.all at ehr: login form, code, token"));
    }

    /** Refresh for each measured consultant of the plan (fewest sites first), then a whole-catalog user. */
    static List<Scenario> scale(ScalePlan plan) {
        List<Scenario> scenarios = new ArrayList<>();
        for (ScalePlan.Holder holder : plan.holders()) {
            scenarios.add(new Scenario("refresh-sites-" + holder.sitesHeld(), Grant.REFRESH, ScalePlan.REALM, "portal", Scenario.DEMO_SECRET,
                    holder.username(), String.format("consultant holding %,d site%s through %d group%s", holder.sitesHeld(),
                    holder.sitesHeld() == 1 ? "" : "s", holder.groups().size(), holder.groups().size() == 1 ? "" : "s")));
        }
        scenarios.add(new Scenario("refresh-catalog-20", Grant.REFRESH, DemoSeed.REALM, DemoSeed.CATALOG_CLIENT, Scenario.DEMO_SECRET,
                plan.catalogUser(0), "whole ehr catalog through 20 department roles"));
        return scenarios;
    }
}
