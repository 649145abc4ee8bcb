/**
 * What AMP's API reads and answers, as records. Answers ignore fields a newer server adds (unless
 * the client is strict); requests leave out fields that are null, since the server refuses unknown
 * fields and reads a missing field as "not given".
 */
package io.amp.keycloak.client.representation;
