package io.amp.keycloak.tokenbenchmark;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The login form, and the profile's frame counts. */
class ParsingTest {

    @Test
    @DisplayName("The login form's action (unescaped, resolved) and hidden fields are read from Keycloak's markup")
    void loginForm() {
        String html = """
                <html><body><form id="kc-form-login" onsubmit="login.disabled = true; return true;"
                  action="/realms/practice/login-actions/authenticate?session_code=a&amp;execution=b&amp;client_id=ehr" method="post">
                  <input tabindex="2" id="username" name="username" value="" type="text" autofocus autocomplete="username" />
                  <input type="hidden" id="id-hidden-input" name="credentialId" value=""/>
                  <input type="hidden" name="emergency" value="no"/>
                </form></body></html>""";
        LoginForm form = LoginForm.parse(html, URI.create("http://127.0.0.1:1234/realms/practice/protocol/openid-connect/auth?x=y"));
        assertThat(form.action()).isEqualTo(URI.create(
                "http://127.0.0.1:1234/realms/practice/login-actions/authenticate?session_code=a&execution=b&client_id=ehr"));
        assertThat(form.hidden()).containsEntry("credentialId", "").containsEntry("emergency", "no").doesNotContainKey("username");
        assertThat(LoginForm.queryParameter(URI.create("http://localhost:1/callback?state=s&code=abc%2Ed"), "code")).isEqualTo("abc.d");
    }

    @Test
    @DisplayName("Self samples count the top frame; AMP samples the innermost io.amp frame")
    void frames() {
        FrameCounts counts = new FrameCounts();
        counts.add(List.of("java.util.HashMap.get", "io.amp.keycloak.permissions.HeldPermissions.of", "io.amp.keycloak.X.y", "org.keycloak.Z.z"));
        counts.add(List.of("java.util.HashMap.get", "org.keycloak.Z.z"));
        counts.add(List.of("io.amp.keycloak.permissions.HeldPermissions.of"));
        assertThat(counts.samples()).isEqualTo(3);
        assertThat(counts.withAmp()).isEqualTo(2);
        assertThat(counts.topSelf(1)).containsExactly(new FrameCounts.Entry("java.util.HashMap.get", 2));
        assertThat(counts.topAmp(5)).containsExactly(new FrameCounts.Entry("io.amp.keycloak.permissions.HeldPermissions.of", 2));
    }
}
