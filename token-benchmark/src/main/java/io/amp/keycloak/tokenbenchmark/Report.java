package io.amp.keycloak.tokenbenchmark;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The results as Markdown, ready to paste into {@code docs/performance.md}: per database the
 * throughput and latency of each arm, the AMP/stock ratios, SQL statements, token sizes, the scale
 * part and the profile when they ran, and every figure against its target.
 */
final class Report {

    private final StringBuilder md = new StringBuilder();

    static String render(Options options, String commandLine, String machine, List<DatabaseRun> runs) {
        Report report = new Report();
        report.header(options, commandLine, machine);
        for (DatabaseRun run : runs) {
            report.database(run);
        }
        return report.md.toString();
    }

    private void header(Options options, String commandLine, String machine) {
        line("# Token benchmark results");
        line("");
        line("- Run: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + ", `" + commandLine + "`");
        line(String.format(Locale.ROOT, "- Method: %s; per scenario %d s untimed in each arm, then %d A/B round(s) (AB BA AB ...), "
                        + "each timed phase %d s after %d s of untimed warm-up; %d concurrent client(s) in a separate JVM on the same machine",
                options.scale() ? "scale part" : "demo scenarios", options.prewarmSeconds(), options.rounds(), options.seconds(),
                options.warmupSeconds(), options.clients()));
        line("- Machine: " + machine);
        line("- Keycloak: production mode (`kc.sh start --optimized`), HTTP, local cache, `JAVA_OPTS_KC_HEAP=" + options.heap() + "`"
                + (options.profile() != null ? ", JFR profiling options (figures not comparable with a run without --profile)" : ""));
        line("");
    }

    private void database(DatabaseRun run) {
        line("## " + run.database.label());
        line("");
        if (run.notice != null) {
            line("NOTICE: " + run.notice);
            line("");
            return;
        }
        if (run.startup != null) {
            line("Keycloak ready in " + run.startup.toSeconds() + " s (first start, realm import included).");
            line("");
        }
        List<Verdict> verdicts = new ArrayList<>();
        if (run.scale != null) {
            scalePlan(run.scale);
        }
        if (!run.scenarios.isEmpty()) {
            throughput(run.scenarios);
            ratios(run.scenarios);
            for (ScenarioResult result : run.scenarios) {
                verdicts.addAll(Targets.throughput(result, run.scale == null));
                verdicts.add(Targets.accessToken(result.scenario().name() + " (AMP)", result.summary(Arm.AMP).accessTokenBytes()));
            }
            if (run.scale != null) {
                ScenarioResult one = run.scenarios.get(0);
                run.scenarios.stream().filter(result -> result.scenario().name().startsWith("refresh-sites-") && result != one)
                        .forEach(result -> verdicts.add(Targets.flat(result, one)));
            }
        }
        if (!run.sql.isEmpty()) {
            sql(run.sql);
            verdicts.addAll(Targets.sql(run.sql));
        }
        if (!run.sizes.isEmpty()) {
            sizes(run.sizes);
            int largest = run.sizes.stream().mapToInt(row -> row.accessTokenBytes().getOrDefault(Arm.AMP, 0)).max().orElse(0);
            TokenSizes.Row which = run.sizes.stream().filter(row -> row.accessTokenBytes().getOrDefault(Arm.AMP, 0) == largest)
                    .findFirst().orElseThrow();
            boolean allIssued = run.sizes.stream().allMatch(row -> row.accessTokenBytes().getOrDefault(Arm.AMP, 0) > 0);
            Verdict size = Targets.accessToken("largest of every demo user (" + which.user() + " at " + which.client() + ")", largest);
            verdicts.add(allIssued ? size : new Verdict(size.figure(), size.measured() + ", but some users got no token", size.target(), false));
        }
        if (run.scale != null && !run.scale.admin().isEmpty()) {
            admin(run.scale.admin());
            run.scale.admin().forEach(result -> verdicts.add(Targets.admin(result)));
        }
        if (run.profile != null) {
            profile(run.profileScenario, run.profile);
        }
        if (!run.notes.isEmpty()) {
            line("### Notes");
            line("");
            run.notes.forEach(note -> line("- " + note));
            line("");
        }
        line("### Targets");
        line("");
        line("| figure | measured | target | result |");
        line("|---|---|---|---|");
        verdicts.forEach(verdict -> line(row(verdict.figure(), verdict.measured(), verdict.target(), "**" + verdict.result() + "**")));
        long missed = verdicts.stream().filter(verdict -> !verdict.pass()).count();
        line("");
        line(String.format("%d of %d figures meet their target.", verdicts.size() - missed, verdicts.size()));
        line("");
    }

    private void throughput(List<ScenarioResult> results) {
        line("### Throughput, latency, CPU, sizes");
        line("");
        line("| scenario | grant | arm | req/s | p50 ms | p99 ms | Keycloak CPU s / 1,000 req | access token B | token response B | errors |");
        line("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (ScenarioResult result : results) {
            for (Arm arm : Arm.values()) {
                ArmSummary s = result.summary(arm);
                line(row(result.scenario().name(), result.scenario().grant().label(), arm.label(), fixed(s.throughput(), 1), fixed(s.p50(), 2),
                        fixed(s.p99(), 2), fixed(s.cpuPerThousand(), 2), Integer.toString(s.accessTokenBytes()),
                        Integer.toString(s.responseBytes()), Long.toString(s.errors())));
            }
        }
        line("");
        results.stream().filter(result -> result.summary(Arm.AMP).errors() + result.summary(Arm.STOCK).errors() > 0).forEach(result -> {
            String error = result.summary(Arm.AMP).firstError() != null ? result.summary(Arm.AMP).firstError() : result.summary(Arm.STOCK).firstError();
            line("- " + result.scenario().name() + ", first error: `" + Json.abbreviate(error).replace('`', '\'') + "`");
        });
        line("");
        line("Scenarios: " + results.stream().map(result -> "`" + result.scenario().name() + "` " + result.scenario().about())
                .collect(Collectors.joining("; ")) + ".");
        line("");
    }

    private void ratios(List<ScenarioResult> results) {
        line("### AMP against stock, per round");
        line("");
        line("| scenario | AMP/stock throughput per round | mean (min–max) |");
        line("|---|---|---|");
        for (ScenarioResult result : results) {
            line(row(result.scenario().name(), result.ratios().values().stream().map(value -> fixed(value, 3)).collect(Collectors.joining(", ")),
                    Targets.ratio(result.ratios())));
        }
        line("");
    }

    private void sql(List<SqlCount.Result> results) {
        line("### SQL statements per token request");
        line("");
        line("Request threads only, without the user-session tables (in brackets: with them). Cold: the first request after Keycloak's "
                + "realm, user and keys caches were emptied; warm: mean of three requests after three more.");
        line("");
        line("| scenario | arm | cold | warm | error |");
        line("|---|---|---:|---:|---|");
        for (SqlCount.Result result : results) {
            line(row(result.scenario(), result.arm().label(), result.cold().statements() + " (" + result.cold().withSessionTables() + ")",
                    fixed(result.warm(), 1) + " (" + fixed(result.warmWithSessions(), 1) + ")",
                    result.error() == null ? "" : Json.abbreviate(result.error())));
        }
        line("");
        List<String> added = new ArrayList<>();
        for (SqlCount.Result amp : results) {
            if (amp.arm() != Arm.AMP) {
                continue;
            }
            results.stream().filter(stock -> stock.arm() == Arm.STOCK && stock.scenario().equals(amp.scenario())).findFirst().ifPresent(stock -> {
                String tables = amp.coldByTable().entrySet().stream()
                        .map(entry -> Map.entry(entry.getKey(), entry.getValue() - stock.coldByTable().getOrDefault(entry.getKey(), 0)))
                        .filter(entry -> entry.getValue() > 0)
                        .sorted((a, b) -> b.getValue() - a.getValue())
                        .map(entry -> "+" + entry.getValue() + " " + entry.getKey()).collect(Collectors.joining(", "));
                if (!tables.isEmpty()) {
                    added.add("`" + amp.scenario() + "`: " + tables);
                }
            });
        }
        if (!added.isEmpty()) {
            line("Cold statements the AMP arm ran beyond the stock arm, by table: " + String.join("; ", added) + ".");
            line("");
        }
    }

    private void sizes(List<TokenSizes.Row> rows) {
        line("### Token sizes, every demo user (password grant)");
        line("");
        line("| realm | client | user | access token B, AMP | access token B, stock | response B, AMP | response B, stock | note |");
        line("|---|---|---|---:|---:|---:|---:|---|");
        for (TokenSizes.Row row : rows) {
            line(row(row.realm(), row.client(), row.user(), bytes(row.accessTokenBytes(), Arm.AMP), bytes(row.accessTokenBytes(), Arm.STOCK),
                    bytes(row.responseBytes(), Arm.AMP), bytes(row.responseBytes(), Arm.STOCK),
                    row.note() == null ? "" : Json.abbreviate(row.note()).replace('|', '/')));
        }
        line("");
    }

    private void scalePlan(DatabaseRun.Scale scale) {
        ScalePlan plan = scale.plan();
        line("### Scale data");
        line("");
        line(String.format(Locale.ROOT, "Realm `%s`: %,d sites in %,d accounts of %d departments, %d consultant groups, %,d consultants, "
                        + "%,d group grants; %d user(s) holding the whole ehr catalog through 20 department roles in `practice`.",
                ScalePlan.REALM, plan.sites(), plan.accounts(), plan.departmentsPerAccount(), plan.groups(), plan.consultants(),
                plan.totalGrants(), plan.catalogUsers()));
        line("");
        line("Seeding through the API took: " + scale.seedSeconds().entrySet().stream()
                .map(entry -> entry.getKey() + " " + fixed(entry.getValue(), 0) + " s").collect(Collectors.joining(", ")) + ".");
        line("");
        if (!scale.anomalies().isEmpty()) {
            line("Requests retried while seeding:");
            line("");
            scale.anomalies().forEach(anomaly -> line("- `" + Json.abbreviate(anomaly).replace('`', '\'') + "`"));
            line("");
        }
    }

    private void admin(List<AdminLoad.Result> results) {
        line("### Admin calls at scale");
        line("");
        line("| call | kind | calls | calls/s | p50 ms | p99 ms | errors |");
        line("|---|---|---:|---:|---:|---:|---:|");
        for (AdminLoad.Result result : results) {
            line(row(result.operation().label, result.operation().write ? "write" : "read", Long.toString(result.calls()),
                    fixed(result.calls() / result.seconds(), 1), fixed(result.p50(), 1), fixed(result.p99(), 1), Long.toString(result.errors())));
        }
        line("");
        results.stream().filter(result -> result.firstError() != null)
                .forEach(result -> line("- " + result.operation().label + ", first error: `" + Json.abbreviate(result.firstError()).replace('`', '\'') + "`"));
        line("");
    }

    private void profile(String scenario, FrameCounts counts) {
        line("### Profile: `" + scenario + "`, AMP arm (JFR execution samples)");
        line("");
        line(String.format(Locale.ROOT, "%,d samples; %,d (%.1f %%) with AMP code on the stack.", counts.samples(), counts.withAmp(),
                counts.samples() == 0 ? 0 : 100.0 * counts.withAmp() / counts.samples()));
        line("");
        line("| top frames (self) | samples | share |");
        line("|---|---:|---:|");
        counts.topSelf(25).forEach(entry -> line(row("`" + entry.frame() + "`", Long.toString(entry.samples()), share(entry.samples(), counts))));
        line("");
        line("| innermost `io.amp` frame (AMP work and what it calls) | samples | share |");
        line("|---|---:|---:|");
        counts.topAmp(15).forEach(entry -> line(row("`" + entry.frame() + "`", Long.toString(entry.samples()), share(entry.samples(), counts))));
        line("");
    }

    private static String share(long samples, FrameCounts counts) {
        return String.format(Locale.ROOT, "%.1f %%", counts.samples() == 0 ? 0 : 100.0 * samples / counts.samples());
    }

    private static String bytes(Map<Arm, Integer> sizes, Arm arm) {
        Integer value = sizes.get(arm);
        return value == null || value == 0 ? "–" : Integer.toString(value);
    }

    private static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
