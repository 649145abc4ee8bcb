package io.amp.keycloak.tokenbenchmark;

/** One figure against its target from the issue. */
record Verdict(String figure, String measured, String target, boolean pass) {

    String result() {
        return pass ? "PASS" : "MISS";
    }
}
