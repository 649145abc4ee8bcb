package io.amp.keycloak.client.representation;

/** Keycloak's error body, as every AMP refusal carries it: {@code errorMessage} from its ErrorResponse, {@code error} from its exception mappers. */
public record AmpError(String error, String errorMessage) {

    /** The words to show: the message, else the error. */
    public String text() {
        return errorMessage != null ? errorMessage : error;
    }
}
