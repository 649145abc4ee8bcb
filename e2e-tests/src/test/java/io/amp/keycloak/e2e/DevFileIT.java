package io.amp.keycloak.e2e;

/**
 * The installation on Keycloak's embedded dev-file H2 (what {@code ./run.sh} runs on), in a scratch
 * folder: everything {@link DatabaseContract} promises, above all that a restart loses no AMP
 * record, which the suite's in-memory server cannot show. The race scenarios run on H2 already,
 * in {@link RaceIT}.
 */
class DevFileIT extends DatabaseContract {

    @Override
    protected ScratchDatabase.Kind kind() {
        return ScratchDatabase.Kind.DEV_FILE;
    }
}
