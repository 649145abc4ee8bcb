package io.amp.keycloak.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amp.keycloak.client.AmpClient;
import io.amp.keycloak.client.representation.AccessRequest;
import io.amp.keycloak.client.representation.AmpError;
import io.amp.keycloak.client.representation.Comment;
import io.amp.keycloak.client.representation.Elevation;
import io.amp.keycloak.client.representation.Grant;
import io.amp.keycloak.client.representation.GrantSwitch;
import io.amp.keycloak.client.representation.NewAccessRequest;
import io.amp.keycloak.client.representation.NewBreakTheGlass;
import io.amp.keycloak.client.representation.NewGrant;
import io.amp.keycloak.client.representation.Reason;
import io.amp.keycloak.client.resource.AccessRequestsResource;
import io.amp.keycloak.client.resource.ElevationsResource;
import io.amp.keycloak.client.resource.SiteGrantsResource;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientResponseFilter;
import org.assertj.core.api.SoftAssertions;
import org.keycloak.admin.client.resource.RealmResource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The race scenarios of issue 10 against any server with the demo realms (the suite's shared one
 * on the embedded database, or a node on PostgreSQL): concurrent decisions of one request,
 * concurrent submissions of one request, and a storm of grant, toggle and remove calls on one
 * site grant. Each scenario makes fresh fixture users, prints one {@code [race]} line per race,
 * cleans up after itself and fails with every broken expectation at once (soft assertions).
 *
 * Expectations are the target behaviour (README, "Answers, races and audit"): each decision wins
 * once, the losers get 409 and write no event, one pending request per subject, system and role,
 * one pending or running elevation per user and client, deleting one grant twice is 204 then 404.
 *
 * AMP is called through the typed client; each racer has a client of its own ({@link #racers}), so
 * that the calls of a race do not queue for the connections of one client's pool.
 */
final class RaceScenarios {

    static final String WORKFORCE = "workforce";
    /** Access requests, on the user surface (workforce users): the path, for tests that call it by hand. */
    static final String REQUESTS = "realms/workforce/amp/requests";
    static final String SALES = "account-managers-and-sales-teams";
    static final String PRACTICE = "practice";
    static final String PORTAL = "portal";
    /** The site of the grant races, whose grants the master admin changes on the admin surface. */
    static final String SITE = "acme-cardio-south";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The status of the last answer a racer's client got on this thread (see {@link #racers}). */
    private static final ThreadLocal<Integer> RACER_STATUS = new ThreadLocal<>();

    private final KeycloakServer server;
    private final Oidc oidc;
    /** AMP on {@link #server}, as its master administrator; {@code withToken} for a user. */
    private final AmpClient amp;

    RaceScenarios(KeycloakServer server) {
        this.server = server;
        this.oidc = new Oidc(server);
        this.amp = AmpApi.on(server);
    }

    Oidc oidc() {
        return oidc;
    }

    RealmResource realm(String name) {
        return server.admin().realm(name);
    }

    // ---------------------------------------------------------------- fixtures

    /** A workforce user in the Sales department (the department of role sales-user); returns the username. */
    String salesMember(Cleanup cleanup, String prefix) {
        String username = Fixtures.uniqueName(prefix);
        RealmResource workforce = realm(WORKFORCE);
        String id = new Fixtures(workforce, cleanup).user(username);
        workforce.users().get(id).joinGroup(workforce.getGroupByPath("/departments/" + SALES).getId());
        return username;
    }

    /** A workforce user holding the realm role access-approver (every department); returns the username. */
    String approver(Cleanup cleanup) {
        String username = Fixtures.uniqueName("race.approver");
        RealmResource workforce = realm(WORKFORCE);
        String id = new Fixtures(workforce, cleanup).user(username);
        workforce.users().get(id).roles().realmLevel().add(List.of(workforce.roles().get("access-approver").toRepresentation()));
        return username;
    }

    /** A practice user holding Break the Glass Review on ehr; returns the username. */
    String reviewer(Cleanup cleanup) {
        String username = Fixtures.uniqueName("race.reviewer");
        RealmResource practice = realm(PRACTICE);
        Fixtures fixtures = new Fixtures(practice, cleanup);
        String id = fixtures.user(username, Map.of("user-type", List.of("provider")));
        practice.users().get(id).roles().clientLevel(fixtures.clientUuid("ehr")).add(fixtures.clientRoles("ehr", "break-the-glass-review"));
        return username;
    }

    /** A plain practice user who may ask for break-the-glass at ehr (any signed-in user may); returns the username. */
    String practiceUser(Cleanup cleanup) {
        String username = Fixtures.uniqueName("race.requester");
        new Fixtures(realm(PRACTICE), cleanup).user(username, Map.of("user-type", List.of("provider")));
        return username;
    }

    /** A portal consultant (partner-consultant, level 80) with the email username@example.com; returns [id, email]. */
    String[] consultant(Cleanup cleanup) {
        String username = Fixtures.uniqueName("race.consultant");
        RealmResource portal = realm(PORTAL);
        String id = new Fixtures(portal, cleanup).user(username);
        portal.users().get(id).roles().realmLevel().add(List.of(portal.roles().get("partner-consultant").toRepresentation()));
        return new String[] {id, username + "@example.com"};
    }

    String workforceToken(String username) {
        return oidc.accessToken(WORKFORCE, "drchrono", username);
    }

    Oidc.Response practiceSession(String username) {
        return Portal.expect(oidc.passwordGrant(PRACTICE, "ehr", username, Oidc.DEMO_PASSWORD), 200);
    }

    /** The access request of the scenarios as JSON, for tests that send it by hand. */
    static String accessRequest(String subject, String system, String role) {
        return "{\"subject\": \"" + subject + "\", \"organization\": \"DrChrono\", \"department\": \"" + SALES + "\", \"system\": \"" + system
                + "\", \"roles\": [\"" + role + "\"], \"justification\": \"race test\"}";
    }

    /** The same access request for the typed client: {@code role} on {@code system} for {@code subject} in Sales, without end. */
    static NewAccessRequest newAccessRequest(String subject, String system, String role) {
        return newAccessRequest(subject, system, role, null);
    }

    /** The access request with an end ({@code endsAt} in epoch milliseconds, null for none). */
    static NewAccessRequest newAccessRequest(String subject, String system, String role, Long endsAt) {
        return new NewAccessRequest(subject, "DrChrono", SALES, system, List.of(role), "race test", endsAt);
    }

    /** Access requests on the user surface of the workforce realm, called with {@code accessToken}. */
    private AccessRequestsResource requests(String accessToken) {
        return amp.withToken(accessToken).realm(WORKFORCE).requests();
    }

    /** Elevations on the user surface of the practice realm, called with {@code accessToken}. */
    private ElevationsResource elevations(String accessToken) {
        return amp.withToken(accessToken).realm(PRACTICE).elevations();
    }

    /** The grants of {@link #SITE} on the admin surface, called with {@code adminToken}. */
    private SiteGrantsResource siteGrants(String adminToken) {
        return amp.withToken(adminToken).admin(PORTAL).consultantAccess().siteGrants(SITE);
    }

    /** The admin events of one resource path of a realm (filtered by path, never by resource type: 500 on 26.7). */
    List<Map<String, Object>> adminEvents(String realm, String resourcePath) {
        Oidc.Response events = oidc.get("admin/realms/" + realm + "/admin-events?resourcePath=" + resourcePath + "&max=1000", oidc.adminToken());
        if (events.status() != 200) {
            throw new AssertionError("admin-events of " + resourcePath + ": " + events);
        }
        return events.items().stream().filter(event -> resourcePath.equals(event.get("resourcePath"))).toList();
    }

    @SuppressWarnings("unchecked")
    static String action(Map<String, Object> event) {
        Object details = event.get("details");
        return details instanceof Map<?, ?> map ? (String) ((Map<String, Object>) map).get("action") : null;
    }

    // ---------------------------------------------------------------- access requests

    /**
     * {@code n} concurrent decisions (approve and deny alternating, by five approvers) of one pending
     * access request: one 200, the rest 409; the record's status matches the effect; one UPDATE event.
     */
    Race.Outcome accessRequestDecisions(int n) {
        return scenario((cleanup, softly) -> {
            String subject = salesMember(cleanup, "race.subject");
            List<String> approvers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                approvers.add(workforceToken(approver(cleanup)));
            }
            String id = Portal.answer(201, () -> requests(workforceToken(subject)).submit(newAccessRequest(subject, "drchrono", "sales-user"))).id();
            cleanup.add(tolerant(whateverItAnswers(() -> requests(workforceToken(subject)).cancel(id))));

            List<AmpClient> racers = racers(cleanup, n, i -> approvers.get(i % approvers.size()));
            Race.Outcome outcome = Race.run("access request: " + n + " approve/deny of one request", n,
                    i -> (i % 2 == 0 ? "approve" : "deny") + " by approver " + (i % approvers.size()),
                    i -> {
                        AccessRequestsResource requests = racers.get(i).realm(WORKFORCE).requests();
                        Reason reason = new Reason("race decision " + i);
                        return answer(() -> i % 2 == 0 ? requests.approve(id, reason) : requests.deny(id, reason));
                    });

            oneWinner(softly, outcome, 200);

            String status = requests(workforceToken(subject)).mine().stream().filter(item -> id.equals(item.id())).findFirst()
                    .map(AccessRequest::status).orElse(null);
            softly.assertThat(status).as("the record is decided").isIn("approved", "denied");
            if (outcome.winners() == 1) {
                Race.Call winner = outcome.winningCalls().get(0);
                softly.assertThat(status).as("the record's status is the winner's decision (%s)", winner.label())
                        .isEqualTo(winner.label().startsWith("approve") ? "approved" : "denied");
                softly.assertThat(winner.response().body()).as("the winner's answer").containsEntry("status", status);
            }
            RealmResource workforce = realm(WORKFORCE);
            Fixtures fixtures = new Fixtures(workforce, new Cleanup());
            String subjectId = workforce.users().searchByUsername(subject, true).get(0).getId();
            boolean holds = workforce.users().get(subjectId).roles().clientLevel(fixtures.clientUuid("drchrono")).listAll().stream()
                    .anyMatch(role -> "sales-user".equals(role.getName()));
            softly.assertThat(holds).as("the subject holds sales-user on drchrono <=> the record (%s) is approved", status)
                    .isEqualTo("approved".equals(status));

            List<Map<String, Object>> events = adminEvents(WORKFORCE, "requests/" + id);
            softly.assertThat(events.stream().filter(event -> "UPDATE".equals(event.get("operationType"))).count())
                    .as("UPDATE admin events of requests/%s", id).isEqualTo(1);
            softly.assertThat(events.stream().filter(event -> "CREATE".equals(event.get("operationType"))).count())
                    .as("CREATE admin events of requests/%s", id).isEqualTo(1);
            return outcome;
        });
    }

    /** {@code n} concurrent submissions of the same access request by its subject: one 201, the rest 409, one pending. */
    Race.Outcome accessRequestSubmissions(int n) {
        return scenario((cleanup, softly) -> {
            String subject = salesMember(cleanup, "race.submitter");
            String token = workforceToken(subject);
            Set<String> created = ConcurrentHashMap.newKeySet();
            cleanup.add(tolerant(() -> {
                AccessRequestsResource requests = requests(workforceToken(subject));
                created.forEach(id -> whateverItAnswers(() -> requests.cancel(id)).run());
            }));
            List<AmpClient> racers = racers(cleanup, n, i -> token);
            Race.Outcome outcome = Race.run("access request: " + n + " submissions of one request", n, i -> "submission " + i, i -> {
                Oidc.Response response = answer(() -> racers.get(i).realm(WORKFORCE).requests()
                        .submit(newAccessRequest(subject, "drchrono", "sales-user")));
                if (response.status() == 201) {
                    created.add(response.string("id"));
                }
                return response;
            });
            oneWinner(softly, outcome, 201);

            List<AccessRequest> pending = requests(workforceToken("mia.manager")).pending().stream()
                    .filter(item -> subject.equals(item.subject())).toList();
            softly.assertThat(pending).as("pending requests of %s", subject).hasSize(1);
            List<AccessRequest> mine = requests(workforceToken(subject)).mine();
            softly.assertThat(mine.stream().filter(item -> "pending".equals(item.status())).count())
                    .as("pending among %s's own requests", subject).isEqualTo(1);
            return outcome;
        });
    }

    /** No 5xx, exactly one call answered {@code success}, every other one 409. */
    private static void oneWinner(SoftAssertions softly, Race.Outcome outcome, int success) {
        softly.assertThat(outcome.serverErrors()).as("5xx answers").isZero();
        softly.assertThat(outcome.winners()).as("%d answers (winners)", success).isEqualTo(1);
        softly.assertThat(outcome.unexpected(Set.of(success, 409))).as("answers other than %d and 409", success).isEmpty();
    }

    // ---------------------------------------------------------------- break-the-glass

    /**
     * {@code n} concurrent reviews (approve and deny alternating, by rita.review and four fixture
     * reviewers) of one pending break-the-glass request: one 200, the rest 409; approved <=> the
     * requester's next token is elevated and elevations/active lists it; one decision event.
     */
    Race.Outcome breakTheGlassDecisions(int n) {
        return scenario((cleanup, softly) -> {
            List<String> reviewers = new ArrayList<>();
            reviewers.add(practiceSession("rita.review").string("access_token"));
            for (int i = 0; i < 4; i++) {
                reviewers.add(practiceSession(reviewer(cleanup)).string("access_token"));
            }
            String requester = practiceUser(cleanup);
            Oidc.Response session = practiceSession(requester);
            cleanup.add(() -> oidc.logout(PRACTICE, "ehr", session.string("refresh_token")));
            String id = Portal.answer(201, () -> elevations(session.string("access_token"))
                    .breakTheGlass(new NewBreakTheGlass("Race test: unconscious patient", 30))).id();

            List<AmpClient> racers = racers(cleanup, n, i -> reviewers.get(i % reviewers.size()));
            Race.Outcome outcome = Race.run("break-the-glass: " + n + " approve/deny of one request", n,
                    i -> (i % 2 == 0 ? "approve" : "deny") + " by reviewer " + (i % reviewers.size()),
                    i -> {
                        ElevationsResource elevations = racers.get(i).realm(PRACTICE).elevations();
                        Comment comment = new Comment("race review " + i);
                        return answer(() -> i % 2 == 0 ? elevations.approveBreakTheGlass(id, comment) : elevations.denyBreakTheGlass(id, comment));
                    });

            oneWinner(softly, outcome, 200);

            String status = elevations(session.string("access_token")).mine().stream().filter(item -> id.equals(item.id())).findFirst()
                    .map(Elevation::status).orElse(null);
            softly.assertThat(status).as("the record is decided").isIn("active", "denied");
            boolean approved = "active".equals(status);
            if (outcome.winners() == 1) {
                Race.Call winner = outcome.winningCalls().get(0);
                softly.assertThat(status).as("the record's status is the winner's decision (%s)", winner.label())
                        .isEqualTo(winner.label().startsWith("approve") ? "active" : "denied");
            }
            Oidc.Response refreshed = oidc.refresh(PRACTICE, "ehr", session.string("refresh_token"));
            softly.assertThat(refreshed.status()).as("the requester's refresh").isEqualTo(200);
            if (refreshed.status() == 200) {
                Map<String, Object> claims = Oidc.claims(refreshed.string("access_token"));
                softly.assertThat(claims.containsKey("elevation")).as("the requester's next token is elevated <=> the record (%s) is active",
                        status).isEqualTo(approved);
                cleanup.add(() -> oidc.logout(PRACTICE, "ehr", refreshed.string("refresh_token")));
            }
            softly.assertThat(Portal.answer(200, () -> amp.admin(PRACTICE).elevations().active()).stream().anyMatch(item -> id.equals(item.id())))
                    .as("elevations/active lists %s <=> the record (%s) is active", id, status).isEqualTo(approved);
            List<String> actions = adminEvents(PRACTICE, "elevations/" + id).stream().map(RaceScenarios::action).toList();
            softly.assertThat(actions.stream().filter(action -> "approve".equals(action) || "deny".equals(action)).count())
                    .as("decision events (approve/deny) of elevations/%s: %s", id, actions).isEqualTo(1);
            softly.assertThat(actions).as("the request event").containsOnlyOnce("request");
            return outcome;
        });
    }

    /**
     * {@code n} concurrent sign-ins of one user with emergency access at ehr, through the login form:
     * every login ends at the application with tokens (a race lost to another elevation never fails
     * a login), and exactly one of the user's records is left running.
     */
    Race.Outcome emergencyLogins(int n) {
        return scenario((cleanup, softly) -> {
            String username = Fixtures.uniqueName("race.emergency");
            RealmResource practice = realm(PRACTICE);
            Fixtures fixtures = new Fixtures(practice, cleanup);
            String id = fixtures.user(username, Map.of("user-type", List.of("provider")));
            practice.users().get(id).roles().clientLevel(fixtures.clientUuid("ehr")).add(fixtures.clientRoles("ehr", "emergency-access"));
            Race.Outcome outcome = Race.run("emergency access: " + n + " sign-ins of one user", n, i -> "sign-in " + i, i -> {
                Browser browser = new Browser(server);
                Browser.Page end = browser.submit(browser.authorize(PRACTICE, "ehr"), "kc-form-login",
                        Elevations.loginForm(username, "Race test " + i), null, null);
                return end.code() == null ? new Oidc.Response(-2, Map.of("text", end.text()))
                        : oidc.authorizationCode(PRACTICE, "ehr", end.code());
            });
            outcome.calls().stream().filter(call -> call.response().status() == 200)
                    .forEach(call -> cleanup.add(() -> oidc.logout(PRACTICE, "ehr", call.response().string("refresh_token"))));
            softly.assertThat(outcome.serverErrors()).as("5xx answers").isZero();
            softly.assertThat(outcome.unexpected(Set.of(200))).as("sign-ins that did not end with tokens").isEmpty();
            Oidc.Response any = outcome.calls().stream().map(Race.Call::response).filter(response -> response.status() == 200)
                    .findFirst().orElseThrow(() -> new AssertionError("no sign-in ended with tokens"));
            List<Elevation> records = elevations(any.string("access_token")).mine();
            softly.assertThat(records).as("records of %s", username).hasSize(n);
            softly.assertThat(records.stream().filter(record -> "active".equals(record.status())).count())
                    .as("running elevations of %s: %s", username, records).isEqualTo(1);
            // What the tokens say must match: only the session of the running record refreshes elevated.
            long elevatedSessions = outcome.calls().stream().map(Race.Call::response).filter(response -> response.status() == 200)
                    .map(response -> oidc.refresh(PRACTICE, "ehr", response.string("refresh_token")))
                    .filter(refreshed -> refreshed.status() == 200 && Oidc.claims(refreshed.string("access_token")).containsKey("elevation"))
                    .count();
            softly.assertThat(elevatedSessions).as("sessions of %s whose refresh is elevated", username).isEqualTo(1);
            return outcome;
        });
    }

    /** {@code n} concurrent break-the-glass requests from one signed-in session: one 201, the rest 409, one pending. */
    Race.Outcome breakTheGlassSubmissions(int n) {
        return scenario((cleanup, softly) -> {
            String requester = practiceUser(cleanup);
            Oidc.Response session = practiceSession(requester);
            cleanup.add(() -> oidc.logout(PRACTICE, "ehr", session.string("refresh_token")));
            String token = session.string("access_token");
            List<AmpClient> racers = racers(cleanup, n, i -> token);
            Race.Outcome outcome = Race.run("break-the-glass: " + n + " requests of one session", n, i -> "request " + i,
                    i -> answer(() -> racers.get(i).realm(PRACTICE).elevations()
                            .breakTheGlass(new NewBreakTheGlass("Race test request " + i, 15))));
            oneWinner(softly, outcome, 201);
            List<Elevation> mine = elevations(token).mine();
            softly.assertThat(mine.stream().filter(item -> "pending".equals(item.status())).count())
                    .as("pending break-the-glass requests of %s", requester).isEqualTo(1);
            List<Elevation> pending = elevations(practiceSession("rita.review").string("access_token")).pendingBreakTheGlass();
            softly.assertThat(pending.stream().filter(item -> requester.equals(item.user())).count())
                    .as("pending requests of %s as the reviewer sees them", requester).isEqualTo(1);
            return outcome;
        });
    }

    // ---------------------------------------------------------------- site grants

    /** The consultant's grant on the site, as the realm admin lists it (all of them, to see duplicates). */
    List<Grant> grantsOf(String userId, String email, String adminToken) {
        return Portal.answer(200, () -> siteGrants(adminToken).list()).stream()
                .filter(grant -> userId.equals(grant.subject().id()) || email.equals(grant.subject().email())).toList();
    }

    private record GrantCall(String op, String target, Boolean enabled, Race.Call call) {
        boolean succeeded() {
            return call.succeeded();
        }

        /** The grant this call wrote: the id it was sent to, or for a POST the id it created. */
        String grant() {
            return "POST".equals(op) ? (call.succeeded() ? call.response().string("id") : null) : target;
        }

        @Override
        public String toString() {
            return op + (target == null ? "" : " " + target.substring(0, Math.min(8, target.length()))) + (enabled == null ? "" : " enabled=" + enabled)
                    + " -> " + call.status();
        }
    }

    /**
     * {@code n} concurrent grant (POST, enabled true or false), toggle (PUT enabled true/false) and
     * remove (DELETE) calls on the grant of one consultant on one site, as the realm admin; each
     * PUT and DELETE first looks the current grant up (or uses the first grant's id when none is
     * there, which must be 404); the calls are spread over 0 to 225 ms after the release.
     * Afterwards: no 5xx, every answer one of its kind's, at most one grant, and its state that of
     * a committed call (checked with orders the client can prove: a call that started after
     * another's answer came was committed after it).
     */
    Race.Outcome grantStorm(int n) {
        return scenario((cleanup, softly) -> {
            String[] consultant = consultant(cleanup);
            String userId = consultant[0];
            String email = consultant[1];
            String admin = oidc.adminToken();
            cleanup.add(tolerant(() -> {
                String fresh = oidc.adminToken();
                grantsOf(userId, email, fresh).forEach(grant -> whateverItAnswers(() -> siteGrants(fresh).remove(grant.id())).run());
            }));
            String firstId = Portal.answer(201, () -> siteGrants(admin).grant(NewGrant.toConsultant(email))).id();
            Map<Integer, String> targets = new ConcurrentHashMap<>();
            List<AmpClient> racers = racers(cleanup, n, i -> admin);
            Race.Outcome outcome = Race.run("site grants: " + n + " grant/toggle/remove of one grant", n, i -> switch (i % 4) {
                case 0 -> "POST enabled=" + (i / 4 % 2 == 0);
                case 1 -> "PUT enabled=true";
                case 2 -> "PUT enabled=false";
                default -> "DELETE";
            }, i -> {
                // Spread over 0 to 225 ms, so that toggles and removals meet grants that exist as well as gone ones.
                pause(i % 10 * 25L);
                SiteGrantsResource grants = racers.get(i).admin(PORTAL).consultantAccess().siteGrants(SITE);
                if (i % 4 == 0) {
                    return answer(() -> grants.grant(new NewGrant(null, email, i / 4 % 2 == 0)));
                }
                String target = grants.list().stream().filter(grant -> userId.equals(grant.subject().id()) || email.equals(grant.subject().email()))
                        .map(Grant::id).findFirst().orElse(firstId);
                targets.put(i, target);
                return i % 4 == 3 ? answer(() -> grants.remove(target))
                        : answer(() -> grants.toggle(target, new GrantSwitch(i % 4 == 1)));
            });
            List<GrantCall> calls = outcome.calls().stream().map(call -> switch (call.index() % 4) {
                case 0 -> new GrantCall("POST", null, call.index() / 4 % 2 == 0, call);
                case 1 -> new GrantCall("PUT", targets.get(call.index()), true, call);
                case 2 -> new GrantCall("PUT", targets.get(call.index()), false, call);
                default -> new GrantCall("DELETE", targets.get(call.index()), null, call);
            }).toList();
            System.out.println("[race] site grants: answers by call: " + calls.stream().collect(java.util.stream.Collectors.groupingBy(
                    c -> c.op() + (c.enabled() == null ? "" : " enabled=" + c.enabled()) + " -> " + c.call().status(), java.util.TreeMap::new,
                    java.util.stream.Collectors.counting())));
            calls.stream().filter(c -> "PUT".equals(c.op()) && c.call().status() == 404).findFirst()
                    .ifPresent(c -> System.out.println("[race] site grants: a PUT answered 404: " + c.call().response().body()));
            System.out.println("[race] site grants: successful calls in order of their answers: " + calls.stream().filter(GrantCall::succeeded)
                    .sorted(Comparator.comparingLong(c -> c.call().end())).toList());

            softly.assertThat(outcome.serverErrors()).as("5xx answers").isZero();
            softly.assertThat(calls.stream().filter(c -> !allowed(c)).map(c -> c + " " + c.call().response().body()).toList())
                    .as("answers outside POST 201/409, PUT 200/404, DELETE 204/404").isEmpty();

            // A toggle begun after the removal of its grant was answered cannot succeed (a toggle of a removed grant is 404).
            softly.assertThat(calls.stream().filter(c -> "PUT".equals(c.op()) && c.succeeded())
                            .filter(put -> calls.stream().anyMatch(d -> "DELETE".equals(d.op()) && d.succeeded() && d.target().equals(put.target())
                                    && put.call().start() > d.call().end())).toList())
                    .as("successful toggles begun after their grant's successful DELETE was answered").isEmpty();

            List<Grant> after = grantsOf(userId, email, oidc.adminToken());
            softly.assertThat(after).as("grants of the consultant on %s after the storm", SITE).hasSizeLessThanOrEqualTo(1);
            List<GrantCall> succeeded = calls.stream().filter(GrantCall::succeeded).toList();
            Optional<GrantCall> lastDelete = succeeded.stream().filter(c -> "DELETE".equals(c.op()))
                    .max(Comparator.comparingLong(c -> c.call().end()));
            if (after.size() == 1) {
                String grantId = after.get(0).id();
                boolean enabled = after.get(0).enabled();
                softly.assertThat(grantId.equals(firstId) || succeeded.stream().anyMatch(c -> "POST".equals(c.op()) && grantId.equals(c.grant())))
                        .as("the remaining grant %s was created by a successful POST", grantId).isTrue();
                softly.assertThat(succeeded.stream().filter(c -> "DELETE".equals(c.op()) && grantId.equals(c.target())).toList())
                        .as("successful DELETEs of the grant that remains").isEmpty();
                List<GrantCall> writes = succeeded.stream().filter(c -> !"DELETE".equals(c.op()) && grantId.equals(c.grant())).toList();
                long deleteStart = lastDelete.map(c -> c.call().start()).orElse(Long.MIN_VALUE);
                boolean fromFirst = grantId.equals(firstId) && writes.stream().noneMatch(c -> "PUT".equals(c.op()));
                if (fromFirst) {
                    softly.assertThat(enabled).as("the first grant, never toggled, stays enabled").isEqualTo(true);
                }
                softly.assertThat(fromFirst || writes.stream().anyMatch(c -> c.call().end() > deleteStart && Objects.equals(c.enabled(), enabled)))
                        .as("enabled=%s is the value of a successful grant/toggle of %s answered after the last successful DELETE began; writes: %s",
                                enabled, grantId, writes).isTrue();
                writes.stream().max(Comparator.comparingLong(c -> c.call().start())).ifPresent(latest -> {
                    boolean provablyLast = writes.stream().filter(c -> c != latest).allMatch(c -> c.call().end() < latest.call().start());
                    if (provablyLast) {
                        softly.assertThat(enabled).as("enabled of the grant = the value of %s, which began after every other write of it answered",
                                latest).isEqualTo(latest.enabled());
                    }
                });
            } else if (after.isEmpty()) {
                softly.assertThat(lastDelete).as("no grant remains, so some DELETE succeeded").isPresent();
                lastDelete.ifPresent(delete -> softly.assertThat(succeeded.stream()
                                .filter(c -> "POST".equals(c.op()) && c.call().start() > delete.call().end()).toList())
                        .as("successful POSTs begun after the last successful DELETE answered (one of them should have left a grant)")
                        .isEmpty());
            }
            // What the consultant's token says agrees with what the admin sees.
            Oidc.Response token = oidc.passwordGrant(PORTAL, "portal", realm(PORTAL).users().get(userId).toRepresentation().getUsername(),
                    Oidc.DEMO_PASSWORD);
            if (token.status() == 200 && after.size() <= 1) {
                boolean expected = after.size() == 1 && after.get(0).enabled();
                Object sites = Oidc.claims(token.string("access_token")).get("sites");
                softly.assertThat(sites instanceof List<?> list && list.contains(SITE))
                        .as("the consultant's token lists %s <=> an enabled grant remains (sites: %s)", SITE, sites).isEqualTo(expected);
            }
            return outcome;
        });
    }

    private static boolean allowed(GrantCall call) {
        int status = call.call().status();
        return switch (call.op()) {
            case "POST" -> status == 201 || status == 409;
            case "PUT" -> status == 200 || status == 404;
            default -> status == 204 || status == 404;
        };
    }

    /** Two concurrent DELETEs of one grant: one 204, one 404, and the grant is gone. */
    Race.Outcome concurrentGrantDeletes() {
        return scenario((cleanup, softly) -> {
            String[] consultant = consultant(cleanup);
            String admin = oidc.adminToken();
            String id = Portal.answer(201, () -> siteGrants(admin).grant(NewGrant.toConsultant(consultant[1]))).id();
            cleanup.add(whateverItAnswers(() -> siteGrants(oidc.adminToken()).remove(id)));
            List<AmpClient> racers = racers(cleanup, 2, i -> admin);
            Race.Outcome outcome = Race.run("site grants: 2 concurrent DELETEs of one grant", 2, i -> "DELETE " + i,
                    i -> answer(() -> racers.get(i).admin(PORTAL).consultantAccess().siteGrants(SITE).remove(id)));
            softly.assertThat(outcome.calls().stream().map(Race.Call::status).sorted().toList())
                    .as("statuses of two concurrent DELETEs: %s", outcome.calls().stream().map(c -> c.response().body()).toList())
                    .containsExactly(204, 404);
            softly.assertThat(grantsOf(consultant[0], consultant[1], oidc.adminToken())).as("grants left").isEmpty();
            return outcome;
        });
    }

    /** DELETE then DELETE of one grant: 204 then 404; a toggle of the removed grant: 404. */
    void sequentialGrantDeletes() {
        scenario((cleanup, softly) -> {
            String[] consultant = consultant(cleanup);
            String admin = oidc.adminToken();
            SiteGrantsResource grants = siteGrants(admin);
            String id = Portal.answer(201, () -> grants.grant(NewGrant.toConsultant(consultant[1]))).id();
            cleanup.add(whateverItAnswers(() -> siteGrants(oidc.adminToken()).remove(id)));
            Oidc.Response first = answer(() -> grants.remove(id));
            Oidc.Response second = answer(() -> grants.remove(id));
            Oidc.Response toggle = answer(() -> grants.toggle(id, new GrantSwitch(true)));
            System.out.printf("[race] site grants: DELETE then DELETE: %d then %d, then PUT %d%n", first.status(), second.status(), toggle.status());
            softly.assertThat(first.status()).as("first DELETE: %s", first.body()).isEqualTo(204);
            softly.assertThat(second.status()).as("second DELETE: %s", second.body()).isEqualTo(404);
            softly.assertThat(toggle.status()).as("PUT of the removed grant: %s", toggle.body()).isEqualTo(404);
            softly.assertThat(grantsOf(consultant[0], consultant[1], oidc.adminToken())).as("grants left").isEmpty();
            return null;
        });
    }

    // ---------------------------------------------------------------- plumbing

    /**
     * One client per racer, calling with the token {@code token} gives for racer i, closed by the cleanup:
     * a client's pool holds 32 connections, and the calls of a race must reach the server together, not
     * queue for a connection. Each records the status of its answers for {@link #answer}.
     */
    private List<AmpClient> racers(Cleanup cleanup, int n, java.util.function.IntFunction<String> token) {
        ClientResponseFilter status = (request, response) -> RACER_STATUS.set(response.getStatus());
        List<AmpClient> racers = IntStream.range(0, n).mapToObj(i -> {
            String accessToken = token.apply(i);
            return AmpClient.createStrict(server.baseUri().toString(), () -> accessToken, status);
        }).toList();
        cleanup.add(() -> racers.forEach(AmpClient::close));
        return racers;
    }

    /**
     * A typed call (of a racer's client, or of {@link AmpApi}'s) as {@link Race} records it: an answer with
     * its status and itself as JSON, a refusal with its status and Keycloak's error body.
     */
    private static Oidc.Response answer(Supplier<?> call) {
        RACER_STATUS.remove();
        try {
            Object answer = call.get();
            Integer racer = RACER_STATUS.get();
            return new Oidc.Response(racer != null ? racer : AmpApi.lastStatus(),
                    answer == null ? Map.of() : JSON.convertValue(answer, new TypeReference<Map<String, Object>>() { }));
        } catch (WebApplicationException refused) {
            AmpError error = AmpClient.error(refused);
            Map<String, Object> body = new LinkedHashMap<>();
            if (error.error() != null) {
                body.put("error", error.error());
            }
            if (error.errorMessage() != null) {
                body.put("errorMessage", error.errorMessage());
            }
            return new Oidc.Response(AmpClient.status(refused), body);
        }
    }

    /** {@link #answer(Supplier)} for a call that answers nothing. */
    private static Oidc.Response answer(Runnable call) {
        return answer(() -> {
            call.run();
            return null;
        });
    }

    /** A cleanup step through the client whose refusal is fine (e.g. 409: the request was decided meanwhile; 404: already gone). */
    private static Runnable whateverItAnswers(Runnable step) {
        return () -> {
            try {
                step.run();
            } catch (WebApplicationException answered) {
                // nothing left to undo
            }
        };
    }

    /** One scenario: its own cleanup, run whatever happens, and its soft assertions, asserted at the end. */
    private static <T> T scenario(BiFunction<Cleanup, SoftAssertions, T> body) {
        Cleanup cleanup = new Cleanup();
        SoftAssertions softly = new SoftAssertions();
        T result;
        try {
            result = body.apply(cleanup, softly);
        } finally {
            runQuietly(cleanup);
        }
        softly.assertAll();
        return result;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A cleanup step whose AssertionError (e.g. no token for a user the test removed) becomes a
     * RuntimeException, so that {@link Cleanup} still runs the steps after it.
     */
    static Runnable tolerant(Runnable step) {
        return () -> {
            try {
                step.run();
            } catch (AssertionError e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
    }

    /** Cleanup that reports instead of hiding the scenario's own failure. */
    static void runQuietly(Cleanup cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException | AssertionError e) {
            System.out.println("[race] cleanup step failed: " + e);
        }
    }
}
