package io.amp.keycloak.tokenbenchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Everything measured on one database, for the report. Lists are empty for what did not run. */
final class DatabaseRun {

    /** The scale part's own figures. */
    record Scale(ScalePlan plan, Map<String, Double> seedSeconds, List<AdminLoad.Result> admin, List<String> anomalies) {
    }

    final Database database;
    String notice;
    Duration startup;
    final List<ScenarioResult> scenarios = new ArrayList<>();
    final List<TokenSizes.Row> sizes = new ArrayList<>();
    final List<SqlCount.Result> sql = new ArrayList<>();
    Scale scale;
    FrameCounts profile;
    String profileScenario;
    final List<String> notes = new ArrayList<>();

    DatabaseRun(Database database) {
        this.database = database;
    }
}
