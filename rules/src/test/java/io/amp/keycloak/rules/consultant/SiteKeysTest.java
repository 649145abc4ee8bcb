package io.amp.keycloak.rules.consultant;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteKeysTest {

    @Test
    void unionInOrderWithoutDuplicates() {
        List<List<String>> sets = List.of(List.of("b", "d"), List.of("a", "b", "c"), List.of(), List.of("d", "e"));
        assertThat(SiteKeys.window(sets, 0, 100)).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void windowSkipsDistinctKeysNotRows() {
        List<List<String>> sets = List.of(List.of("a", "b", "c"), List.of("a", "b", "c"), List.of("c", "d"));
        assertThat(SiteKeys.window(sets, 1, 2)).containsExactly("b", "c");
        assertThat(SiteKeys.window(sets, 3, 10)).containsExactly("d");
        assertThat(SiteKeys.window(sets, 4, 10)).isEmpty();
        assertThat(SiteKeys.window(sets, 0, 0)).isEmpty();
    }

    @Test
    void noSetsNoKeys() {
        assertThat(SiteKeys.window(List.of(), 0, 101)).isEmpty();
    }

    @Test
    void dashesSortAsTheKeysCompare() {
        // Site keys are lower-case words joined by dashes: their order is the strings' own.
        List<List<String>> sets = List.of(List.of("scale-1", "scale-10"), List.of("scale-2", "scale1"));
        assertThat(SiteKeys.window(sets, 0, 10)).containsExactly("scale-1", "scale-10", "scale-2", "scale1");
    }

    @Test
    void sameAsSortingTheUnionForRandomSets() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<List<String>> sets = new ArrayList<>();
            TreeSet<String> union = new TreeSet<>();
            for (int s = random.nextInt(6); s > 0; s--) {
                TreeSet<String> set = new TreeSet<>();
                IntStream.range(0, random.nextInt(30)).forEach(i -> set.add("site-" + random.nextInt(60)));
                sets.add(List.copyOf(set));
                union.addAll(set);
            }
            int first = random.nextInt(40);
            int max = random.nextInt(40);
            List<String> expected = union.stream().skip(first).limit(max).toList();
            assertThat(SiteKeys.window(sets, first, max)).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void negativeBoundsAreRefused() {
        assertThatThrownBy(() -> SiteKeys.window(List.of(), -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
