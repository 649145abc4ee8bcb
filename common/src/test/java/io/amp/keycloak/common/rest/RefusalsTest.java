package io.amp.keycloak.common.rest;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalsTest {

    @Test
    @DisplayName("Given ids that carry line breaks, quotes or invisible characters, then the audit line shows them escaped, on one line")
    void auditValuesStayOnOneLine() {
        String forged = "x\n2026-11-30 03:33:10,000 WARN [io.amp.audit] AMP refused 403: user=alice.admin\r\u2028\u202E\"\\";

        String safe = Refusals.safe(forged);

        assertThat(safe).doesNotContain("\n", "\r", "\u2028", "\u202E")
                .isEqualTo("x\\u000a2026-11-30 03:33:10,000 WARN [io.amp.audit] AMP refused 403: user=alice.admin\\u000d\\u2028\\u202e\\\"\\\\");
        assertThat(Refusals.safe("accounts/5b0c2a4e/users/ünïcode-ok")).isEqualTo("accounts/5b0c2a4e/users/ünïcode-ok");
    }
}
