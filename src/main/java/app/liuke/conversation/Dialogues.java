package app.liuke.conversation;

import app.liuke.channel.Button;
import app.liuke.conversation.script.BotScripts;
import app.liuke.conversation.script.Dialogue;
import app.liuke.conversation.script.ScriptAction;
import app.liuke.conversation.script.ScriptButton;
import app.liuke.conversation.script.Step;
import app.liuke.customer.Birthday;
import app.liuke.customer.PhoneNumbers;
import app.liuke.shared.InvalidInput;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs bot-script dialogues: says a step, waits for the answer (typed or pressed), checks it, runs
 * the step's actions and moves on. A wrong answer keeps the dialogue where it was; the last step
 * clears it; an unanswered dialogue lapses after its timeout. Stateless and thread-safe.
 */
final class Dialogues {
    /** Button data: {@code d|step|value} answers a dialogue step; {@code c|/command} runs a command. */
    static final String STEP_BUTTON = "d|";
    static final String COMMAND_BUTTON = "c|";
    private static final int MAX_STEPS_PER_EVENT = 20;
    private final BotScripts scripts;
    private final DialogueStates states;
    private final ScriptActions actions;
    private final PhoneNumbers phones;
    private final ZoneId zone;

    Dialogues(BotScripts scripts, DialogueStates states, ScriptActions actions, PhoneNumbers phones, ZoneId zone) {
        this.scripts = scripts;
        this.states = states;
        this.actions = actions;
        this.phones = phones;
        this.zone = zone;
    }

    /** Starts {@code name} at {@code stepId} (null: the first step); {@code vars} fill the texts. */
    void start(Chat chat, String name, String stepId, Object... vars) {
        Dialogue dialogue = scripts.dialogue(name).orElseThrow(() -> new IllegalStateException("no dialogue " + name));
        Step step = stepId == null ? dialogue.first() : dialogue.step(stepId).orElseThrow();
        var answers = new HashMap<String, String>();
        for (int i = 0; i + 1 < vars.length; i += 2) {
            answers.put(String.valueOf(vars[i]), String.valueOf(vars[i + 1]));
        }
        enter(chat, dialogue, step, answers);
    }

    /** The chat's dialogue if one is waiting; a lapsed one is cleared (and the person told). */
    Optional<DialogueState> active(Chat chat) {
        Optional<DialogueState> state = states.find(chat.handle(), chat.where());
        if (state.isPresent() && (state.get().expired(chat.now()) || scripts.dialogue(state.get().script()).isEmpty())) {
            states.clear(chat.handle(), chat.where());
            chat.say("dialogue.expired");
            return Optional.empty();
        }
        return state;
    }

    boolean cancel(Chat chat) {
        return states.clear(chat.handle(), chat.where());
    }

    void clearQuietly(Chat chat) {
        states.clear(chat.handle(), chat.where());
    }

    /** A typed answer to the waiting step. */
    void answerText(Chat chat, DialogueState state, String text) {
        Dialogue dialogue = scripts.dialogue(state.script()).orElseThrow();
        Step step = dialogue.step(state.step()).orElseThrow();
        String input = ChatInput.clean(text, 500);
        Optional<String> answer = step.expect() != null ? check(chat, step.expect(), input) : buttonFor(chat, step, input);
        if (answer.isEmpty()) {
            if (step.invalid() != null) {
                chat.say(step.invalid(), vars(state.answers(), "input", input));
            } else {
                say(chat, step, state.answers());
            }
            return;
        }
        complete(chat, dialogue, step, new HashMap<>(state.answers()), answer.get());
    }

    /** A pressed button; false when it belongs to a step the chat is no longer at. */
    boolean answerButton(Chat chat, DialogueState state, String stepId, String value) {
        Dialogue dialogue = scripts.dialogue(state.script()).orElseThrow();
        Step step = dialogue.step(state.step()).orElseThrow();
        if (!step.id().equals(stepId) || step.buttons().stream().noneMatch(button -> button.value().equals(value))) {
            return false;
        }
        complete(chat, dialogue, step, new HashMap<>(state.answers()), value);
        return true;
    }

    private void complete(Chat chat, Dialogue dialogue, Step step, Map<String, String> answers, String answer) {
        answers.put(step.save() == null ? step.id() : step.save(), answer);
        runActions(chat, step, answers);
        String next = step.after(answer);
        if (next == null) {
            states.clear(chat.handle(), chat.where());
            return;
        }
        enter(chat, dialogue, dialogue.step(next).orElseThrow(), answers);
    }

    private void enter(Chat chat, Dialogue dialogue, Step first, Map<String, String> answers) {
        Step step = first;
        for (int guard = 0; guard < MAX_STEPS_PER_EVENT; guard++) {
            say(chat, step, answers);
            if (step.waits()) {
                states.save(chat.handle(), chat.where(),
                        new DialogueState(dialogue.name(), step.id(), answers, chat.now().plus(dialogue.timeout())), chat.now());
                return;
            }
            runActions(chat, step, answers);
            if (step.next() == null) {
                states.clear(chat.handle(), chat.where());
                return;
            }
            step = dialogue.step(step.next()).orElseThrow();
        }
        throw new IllegalStateException("dialogue " + dialogue.name() + " loops without waiting for an answer");
    }

    private void say(Chat chat, Step step, Map<String, String> answers) {
        if (step.say() == null) {
            return;
        }
        var rows = new ArrayList<List<Button>>();
        for (ScriptButton button : step.buttons()) {
            String data = button.value().startsWith("/") ? COMMAND_BUTTON + button.value()
                    : STEP_BUTTON + step.id() + "|" + button.value();
            rows.add(List.of(new Button(chat.text(button.label()), data)));
        }
        chat.reply(chat.text(step.say(), vars(answers)), rows);
    }

    private void runActions(Chat chat, Step step, Map<String, String> answers) {
        for (ScriptAction action : step.actions()) {
            actions.run(chat, action, answers);
        }
    }

    private Optional<String> check(Chat chat, String type, String input) {
        try {
            return Optional.of(switch (type) {
                case "month-day" -> Birthday.parse(input, LocalDate.ofInstant(chat.now(), zone)).iso();
                case "number" -> new BigDecimal(input.replace(",", "")).toPlainString();
                case "phone" -> phones.normalize(input);
                default -> input;
            }).filter(value -> !value.isEmpty());
        } catch (InvalidInput | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Typed text that matches a button's label or value counts as pressing it. */
    private static Optional<String> buttonFor(Chat chat, Step step, String input) {
        return step.buttons().stream()
                .filter(button -> input.equalsIgnoreCase(button.value()) || input.equalsIgnoreCase(chat.text(button.label())))
                .map(ScriptButton::value).findFirst();
    }

    private static Object[] vars(Map<String, String> answers, Object... extra) {
        var vars = new ArrayList<Object>(List.of(extra));
        answers.forEach((name, value) -> vars.addAll(List.of(name, display(value))));
        return vars.toArray();
    }

    /** How an answer shows in a text: a birthday without a year as 05-20 rather than --05-20. */
    static String display(String value) {
        return value != null && value.startsWith("--") ? value.substring(2) : value;
    }
}
