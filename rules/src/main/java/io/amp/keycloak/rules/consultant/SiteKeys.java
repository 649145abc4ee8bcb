package io.amp.keycloak.rules.consultant;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A user's sites as the {@code sites} claim and the paged endpoint list them: the union of several
 * sorted sets of site keys (one per grant holder, account or department), without duplicates, in
 * the keys' natural order, one window of it. The work is proportional to the window and the
 * number of sets, not to the number of keys in them: a consultant whose 100 groups hold 10,000
 * grants costs a merge of 100 cursors for the 101 keys the claim needs.
 */
public final class SiteKeys {

    private SiteKeys() {
    }

    /**
     * @param sortedSets each sorted ascending without duplicates
     * @param first      keys to skip
     * @param max        keys to return at most
     */
    public static List<String> window(Collection<? extends List<String>> sortedSets, int first, int max) {
        if (first < 0 || max < 0) {
            throw new IllegalArgumentException("first and max must not be negative");
        }
        PriorityQueue<Cursor> cursors = new PriorityQueue<>(Math.max(1, sortedSets.size()));
        for (List<String> set : sortedSets) {
            Iterator<String> keys = set.iterator();
            if (keys.hasNext()) {
                cursors.add(new Cursor(keys.next(), keys));
            }
        }
        List<String> window = new ArrayList<>(Math.min(max, 1024));
        String last = null;
        int skipped = 0;
        while (!cursors.isEmpty() && window.size() < max) {
            Cursor cursor = cursors.poll();
            String key = cursor.head;
            if (!key.equals(last)) {
                last = key;
                if (skipped < first) {
                    skipped++;
                } else {
                    window.add(key);
                }
            }
            if (cursor.rest.hasNext()) {
                cursor.head = cursor.rest.next();
                cursors.add(cursor);
            }
        }
        return window;
    }

    private static final class Cursor implements Comparable<Cursor> {
        private String head;
        private final Iterator<String> rest;

        private Cursor(String head, Iterator<String> rest) {
            this.head = head;
            this.rest = rest;
        }

        @Override
        public int compareTo(Cursor other) {
            return head.compareTo(other.head);
        }
    }
}
