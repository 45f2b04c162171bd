package app.liuke.shared;

import java.util.List;

/** One page of a longer list. Pages count from 1. */
public record Page<T>(List<T> items, int page, int size, long total) {
    public Page {
        items = List.copyOf(items);
    }
}
