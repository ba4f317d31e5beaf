package vn.thidua.command.rules;

/**
 * Why a command was refused: the stable code clients switch on, the HTTP status, and the explanation in Vietnamese
 * and English. Plain data, so that it also travels as the details of a remote command failure (Axon Server).
 */
public record Refusal(String code, int status, String vietnamese, String english) {
}
