package app.liuke.workbench;

import java.util.Locale;

/**
 * Why a customer is on a to-do list, most urgent first. The overdue follow-ups and the tasks (a low
 * score; a customer who deleted their staff member on WeCom) can escalate to the managers; the others
 * are chances, not debts.
 */
public enum TodoReason {
    LOW_SCORE, LOST_CONTACT, NEVER_FOLLOWED, NOT_FOLLOWED, USED_UP, BIRTHDAY, DORMANT, NOT_BOUGHT_AGAIN, NEVER_BOUGHT;

    /** The key of its text in bot-scripts: {@code todo.reason.low-score} … */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Overdue work that reminds the owner and, left undone, escalates. */
    public boolean escalates() {
        return this == LOW_SCORE || this == LOST_CONTACT || this == NEVER_FOLLOWED || this == NOT_FOLLOWED;
    }
}
