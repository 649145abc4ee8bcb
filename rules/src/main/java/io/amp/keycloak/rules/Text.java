package io.amp.keycloak.rules;

/**
 * What counts as text in a request: the characters a person can see. Names and keys are one line
 * with no control or formatting characters (zero-width spaces, direction overrides, NUL, CR/LF);
 * free text may hold line breaks and tabs but no other control characters and no direction
 * overrides; text made only of white space and invisible characters is blank.
 */
public final class Text {

    private Text() {
    }

    public static boolean isBlank(String value) {
        return value.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || invisible(c));
    }

    public static boolean isPlainLine(String value) {
        return !isBlank(value) && value.codePoints().noneMatch(c -> invisible(c) || lineBreak(c));
    }

    public static boolean isFreeText(String value) {
        return !isBlank(value) && value.codePoints().noneMatch(c -> invisible(c) && c != '\n' && c != '\r' && c != '\t' && !joiner(c));
    }

    /** Zero-width (non-)joiners shape words in several scripts and emoji; they hide nothing. */
    private static boolean joiner(int c) {
        return c == 0x200C || c == 0x200D;
    }

    private static boolean invisible(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                || type == Character.SURROGATE || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800;
    }

    private static boolean lineBreak(int c) {
        int type = Character.getType(c);
        return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

}
