package app.liuke.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The keys a report has met so far, numbered in order of first use, each with its own figures to add to. */
final class KeyIndex {
    private final int width;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final List<int[]> singles = new ArrayList<>();
    private final List<long[]> figures = new ArrayList<>();

    /** {@code width}: how many figures each key has. */
    KeyIndex(int width) {
        this.width = width;
    }

    /** The index of a key, registered on first use. */
    int key(String name) {
        Integer index = indexOf.get(name);
        if (index == null) {
            index = names.size();
            names.add(name);
            indexOf.put(name, index);
            singles.add(new int[]{index});
            figures.add(new long[width]);
        }
        return index;
    }

    /** The one-key array of a key, shared (rows with a single key allocate nothing). */
    int[] only(String name) {
        return singles.get(key(name));
    }

    /** The figures of a key, to add to. */
    long[] figures(int index) {
        return figures.get(index);
    }

    int size() {
        return names.size();
    }

    String name(int index) {
        return names.get(index);
    }
}
