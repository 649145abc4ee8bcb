package io.amp.keycloak.common.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PathTemplatesTest {

    public static final class Root {
        @GET
        @Path("me")
        public String me() {
            return "";
        }

        @Path("accounts")
        public Accounts accounts() {
            return new Accounts();
        }
    }

    public static final class Accounts {
        @GET
        public String list() {
            return "";
        }

        @Path("{accountId}")
        public Account account() {
            return new Account();
        }
    }

    public static final class Account {
        @GET
        @Path("details")
        public String details() {
            return "";
        }

        @PUT
        @Path("users/{userId}")
        public String edit() {
            return "";
        }

        @POST
        @Path("departments/{departmentId}/sites")
        public String createSite() {
            return "";
        }
    }

    @Test
    void namesTheIdsOfAnOperationBelowLocatorsInPathOrder() {
        assertThat(PathTemplates.ids(Root.class, List.of("accounts", "a-1", "users", "u-2"))).contains(List.of("a-1", "u-2"));
        assertThat(PathTemplates.ids(Root.class, List.of("accounts", "a-1", "departments", "d-3", "sites"))).contains(List.of("a-1", "d-3"));
    }

    @Test
    void literalsWinOverParametersAndOperationsWithoutIdsNameNone() {
        assertThat(PathTemplates.ids(Root.class, List.of("me"))).contains(List.of());
        assertThat(PathTemplates.ids(Root.class, List.of("accounts"))).contains(List.of());
        assertThat(PathTemplates.ids(Root.class, List.of("accounts", "a-1", "details"))).contains(List.of("a-1"));
    }

    @Test
    void aShapeNoOperationHasNamesNothing() {
        assertThat(PathTemplates.ids(Root.class, List.of("accounts", "a-1", "users"))).isEmpty();
        assertThat(PathTemplates.ids(Root.class, List.of("nowhere"))).isEmpty();
    }
}
