package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.ConsultantGroup;
import io.amp.keycloak.client.representation.Email;
import io.amp.keycloak.client.representation.GroupMember;
import io.amp.keycloak.client.representation.Name;
import io.amp.keycloak.client.representation.NewGrant;
import io.amp.keycloak.client.resource.ConsultantGroupsResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.GroupRepresentation;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002: "When granted access, you can create or edit Consultant Groups in the portal settings."
 * Account Admins, Department Admins, consultants holding a site and realm managers create consultant
 * groups; a group is renamed and given or relieved of members only by whoever changes the grants of
 * every site it reaches, since a member gets them all. Each change shows in the member's next token.
 * (Who may call each operation at all: {@code AuthorizationMatrixIT}.)
 */
class ConsultantGroupsIT {

    private final Cleanup cleanup = new Cleanup();
    private final Oidc oidc = new Oidc(KeycloakServer.get());
    private final Portal portal = new Portal();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    private ConsultantGroupsResource groups(String username) {
        return Portal.api(portal.token(username)).consultantGroups();
    }

    private ConsultantGroup create(String username, String name) {
        ConsultantGroup group = Portal.answer(201, () -> groups(username).create(new Name(name)));
        cleanup.add(() -> portal.realm().groups().group(group.id()).remove());
        return group;
    }

    private List<String> sitesOf(String username) {
        return Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", username)));
    }

    @Test
    @DisplayName("Given alice creates a group, grants it acme-cardio-south and adds nina by email, then nina's next token has the site; renamed, the grant follows; removed, nina loses it")
    void lifecycleShowsInNextToken() {
        String name = Fixtures.uniqueName("Night Shift");
        ConsultantGroup group = create("alice.admin", name);
        assertThat(group.path()).isEqualTo("/consultant-groups/" + name);
        String grant = Portal.api(portal.token("alice.admin")).siteGrants("acme-cardio-south").grant(NewGrant.toGroup(name)).id();
        cleanup.add(() -> portal.removeGrant("acme-cardio-south", grant));
        assertThat(sitesOf("nina.nogrant")).isEmpty();

        GroupMember nina = Portal.answer(201, () -> groups("alice.admin").addMember(group.id(), new Email("nina.nogrant@partner.example")));

        assertThat(nina.username()).isEqualTo("nina.nogrant");
        assertThat(sitesOf("nina.nogrant")).containsExactly("acme-cardio-south");
        assertThat(groups("alice.admin").members(group.id())).extracting(GroupMember::username).containsExactly("nina.nogrant");

        ConsultantGroup renamed = groups("alice.admin").rename(group.id(), new Name(name + " B"));
        assertThat(renamed.path()).isEqualTo("/consultant-groups/" + name + " B");
        assertThat(Portal.api(portal.token("alice.admin")).siteGrants("acme-cardio-south").list())
                .anySatisfy(g -> assertThat(g.subject().name()).isEqualTo(name + " B"));
        assertThat(sitesOf("nina.nogrant")).containsExactly("acme-cardio-south");

        Portal.answer(204, () -> groups("alice.admin").removeMember(group.id(), nina.id()));
        assertThat(sitesOf("nina.nogrant")).isEmpty();
        assertThat(groups("alice.admin").members(group.id())).isEmpty();
    }

    @Test
    @DisplayName("Given a group granted a Radiology site, then Cardiology's admin neither sees nor changes it, and carl, granted acme-cardio-north only, neither")
    void reachFollowsTheGroupsSites() {
        String name = Fixtures.uniqueName("Radiology Readers");
        ConsultantGroup group = create("alice.admin", name);
        String grant = Portal.api(portal.token("alice.admin")).siteGrants("acme-rad-main").grant(NewGrant.toGroup(name)).id();
        cleanup.add(() -> portal.removeGrant("acme-rad-main", grant));

        for (String outsider : List.of("dan.dept", "carl.consultant")) {
            assertThat(groups(outsider).list()).as(outsider).extracting(ConsultantGroup::id).doesNotContain(group.id());
            assertThat(AmpApi.refusal(() -> groups(outsider).addMember(group.id(), new Email("bea.btt@btt.example"))))
                    .as(outsider).isEqualTo(new AmpApi.Refusal(404, "Consultant group not found"));
            assertThat(AmpApi.refusal(() -> groups(outsider).rename(group.id(), new Name("Taken Over"))).status()).as(outsider).isEqualTo(404);
        }
        assertThat(groups("alice.admin").list()).extracting(ConsultantGroup::id).contains(group.id());
    }

    @Test
    @DisplayName("Given carl, granted acme-cardio-north through Partner Analysts, then he adds bea to Partner Analysts and creates a group of his own")
    void consultantWithAccessGranted() {
        String partners = portal.realm().getGroupByPath("/consultant-groups/Partner Analysts").getId();
        assertThat(sitesOf("bea.btt")).doesNotContain("acme-cardio-north");

        GroupMember bea = Portal.answer(201, () -> groups("carl.consultant").addMember(partners, new Email("bea.btt@btt.example")));
        cleanup.add(() -> portal.realm().users().get(bea.id()).leaveGroup(partners));

        assertThat(sitesOf("bea.btt")).contains("acme-cardio-north");
        assertThat(create("carl.consultant", Fixtures.uniqueName("Carl's Team")).path()).startsWith("/consultant-groups/");
        assertThat(AmpApi.refusal(() -> Portal.api(portal.token("nina.nogrant")).consultantGroups().list()).status())
                .as("a consultant holding no site").isEqualTo(403);
    }

    @Test
    @DisplayName("Given bad input, then a 4xx that says why, and nothing changes")
    void badInput() {
        String name = Fixtures.uniqueName("Checked");
        ConsultantGroup group = create("alice.admin", name);
        ConsultantGroupsResource alice = groups("alice.admin");
        String cardiology = Portal.CARDIOLOGY;

        assertThat(AmpApi.refusal(() -> alice.create(new Name(name)))).isEqualTo(
                new AmpApi.Refusal(409, "A consultant group named '" + name + "' exists already there"));
        assertThat(AmpApi.refusal(() -> alice.create(new Name("")))).extracting(AmpApi.Refusal::status).isEqualTo(400);
        assertThat(AmpApi.refusal(() -> alice.rename(group.id(), new Name("Partner Analysts"))).status()).isEqualTo(409);
        assertThat(AmpApi.refusal(() -> alice.addMember(group.id(), new Email("vera.viewer@acme-health.example"))))
                .as("not a consultant").isEqualTo(new AmpApi.Refusal(400, "No consultant of this realm has that email; site grants are for consultants only"));
        assertThat(AmpApi.refusal(() -> alice.addMember("no-such-group", new Email("bea.btt@btt.example"))).status()).isEqualTo(404);
        assertThat(AmpApi.refusal(() -> alice.members(cardiology)).status()).as("a department is no consultant group").isEqualTo(404);
        Portal.answer(201, () -> alice.addMember(group.id(), new Email("bea.btt@btt.example")));
        assertThat(AmpApi.refusal(() -> alice.addMember(group.id(), new Email("bea.btt@btt.example"))).status()).isEqualTo(409);
        assertThat(AmpApi.refusal(() -> alice.removeMember(group.id(), "no-such-user")).status()).isEqualTo(404);
        assertThat(alice.members(group.id())).extracting(GroupMember::username).containsExactly("bea.btt");
        assertThat(portal.realm().getGroupByPath("/consultant-groups/" + name).getId()).isEqualTo(group.id());
    }

    @Test
    @DisplayName("Given 8 creations of one name at once, then exactly one group is made and the others get 409, none a 5xx")
    void racingCreations() {
        String name = Fixtures.uniqueName("Raced");
        cleanup.add(() -> namedUnderParent(name).forEach(group -> portal.realm().groups().group(group.getId()).remove()));
        String alice = portal.token("alice.admin");

        Race.Outcome outcome = Race.run("consultant groups: 8 creations of one name", 8, i -> "create " + i,
                i -> oidc.send("POST", Portal.USER_API + "consultant-groups", alice, "{\"name\": \"" + name + "\"}"));

        System.out.println(outcome.line());
        assertThat(outcome.unexpected(Set.of(201, 409))).isEmpty();
        assertThat(outcome.winners()).isEqualTo(1);
        assertThat(namedUnderParent(name)).hasSize(1);
    }

    @Test
    @DisplayName("Given 8 additions of one consultant to one group at once, then one 201 and 409s; given two groups renamed to one name at once, then one 200 and one 409; none a 5xx")
    void racingMembershipAndRenames() {
        String alice = portal.token("alice.admin");
        ConsultantGroup group = create("alice.admin", Fixtures.uniqueName("Raced Members"));
        String body = "{\"email\": \"bea.btt@btt.example\"}";

        Race.Outcome adds = Race.run("consultant groups: 8 additions of one member", 8, i -> "add " + i,
                i -> oidc.send("POST", Portal.USER_API + "consultant-groups/" + group.id() + "/members", alice, body));

        System.out.println(adds.line());
        assertThat(adds.unexpected(Set.of(201, 409))).isEmpty();
        assertThat(adds.winners()).isEqualTo(1);
        assertThat(groups("alice.admin").members(group.id())).extracting(GroupMember::username).containsExactly("bea.btt");

        ConsultantGroup other = create("alice.admin", Fixtures.uniqueName("Raced Rename"));
        String target = Fixtures.uniqueName("One Name");
        List<String> ids = List.of(group.id(), other.id());
        Race.Outcome renames = Race.run("consultant groups: 2 groups renamed to one name", 2, i -> "rename " + i,
                i -> oidc.send("PUT", Portal.USER_API + "consultant-groups/" + ids.get(i), alice, "{\"name\": \"" + target + "\"}"));

        System.out.println(renames.line());
        assertThat(renames.unexpected(Set.of(200, 409))).isEmpty();
        assertThat(renames.winners()).isEqualTo(1);
        assertThat(namedUnderParent(target)).hasSize(1);
    }

    private List<GroupRepresentation> namedUnderParent(String name) {
        String parent = portal.realm().getGroupByPath("/consultant-groups").getId();
        return portal.realm().groups().group(parent).getSubGroups(0, 1000, true).stream()
                .filter(group -> group.getName().equals(name)).toList();
    }
}
