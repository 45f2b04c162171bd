package app.liuke.conversation;

import app.liuke.channel.ChatRef;
import app.liuke.channel.Inbound;
import app.liuke.channel.InboundHandler;
import app.liuke.channel.Outbound;
import app.liuke.channel.Person;
import app.liuke.conversation.script.BotScripts;
import app.liuke.shared.InvalidInput;
import app.liuke.shared.Texts;
import app.liuke.staff.StaffDirectory;
import app.liuke.store.Handle;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The router: every inbound event passes a few small checks (who is it, is a dialogue waiting, is
 * it a command, may they use it here) and reaches one command, dialogue or group handler. Runs in
 * the event's transaction; a command that fails on bad input is undone alone and answered politely.
 * Thread-safe.
 */
public final class Conversation implements InboundHandler {
    private final Map<String, ChatCommand> commands = new HashMap<>();
    private final Map<String, ChatCommand> aliases = new HashMap<>();
    private final BotScripts scripts;
    private final ChatTexts texts;
    private final Dialogues dialogues;
    private final Members members;
    private final Speakers speakers;
    private final GroupEvents groups;
    private final ContactEvents contacts;
    private final List<ButtonRoute> buttonRoutes;
    private final SurveyChat surveys;
    private final CampaignChat campaigns;
    private final TodoChat todos;
    private final Locale shopLocale;
    private final Texts chineseErrors = new Texts(Locale.SIMPLIFIED_CHINESE);
    private final Texts englishErrors = new Texts(Locale.ENGLISH);

    Conversation(List<ChatCommand> all, List<ButtonRoute> buttonRoutes, SurveyChat surveys, CampaignChat campaigns, TodoChat todos,
                 BotScripts scripts, ChatTexts texts,
                 Dialogues dialogues, Members members, StaffDirectory staff, GroupEvents groups, ContactEvents contacts,
                 Locale shopLocale) {
        for (ChatCommand command : all) {
            commands.put(command.name(), command);
            command.aliases().forEach(alias -> aliases.put(alias, command));
        }
        this.scripts = scripts;
        this.texts = texts;
        this.dialogues = dialogues;
        this.members = members;
        this.speakers = new Speakers(staff, texts, shopLocale);
        this.groups = groups;
        this.contacts = contacts;
        this.buttonRoutes = List.copyOf(buttonRoutes);
        this.surveys = surveys;
        this.campaigns = campaigns;
        this.todos = todos;
        this.shopLocale = shopLocale;
    }

    @Override
    public List<Outbound> handle(Handle handle, Inbound event, Instant now) {
        if (event instanceof Inbound.ChatMigrated migrated) {
            ChatRef chat = migrated.chat();
            groups.moved(handle, chat.channel(), chat.chatId(), migrated.newChatId());
            return List.of();
        }
        Chat chat = speakers.chat(handle, event.chat(), Speakers.sender(event), now);
        if (!chat.inGroup() && (event instanceof Inbound.Text || event instanceof Inbound.Command
                || event instanceof Inbound.ButtonPress)) {
            members.remember(handle, chat.who());
        }
        if (event instanceof Inbound.ContactChange change) {
            contacts.changed(chat, change);
        } else if (event instanceof Inbound.GroupRoster roster) {
            contacts.roster(chat, roster);
        } else if (event instanceof Inbound.Identified identified) {
            members.identify(handle, identified.from(), identified.unionId(), now);
        } else if (event instanceof Inbound.BotMembership membership) {
            botMembership(chat, membership.active());
        } else if (event instanceof Inbound.MembersJoined joined) {
            groups.joined(chat, joined);
        } else if (event instanceof Inbound.MemberLeft left) {
            groups.left(chat, left.member());
        } else if (event instanceof Inbound.ButtonPress press) {
            buttonPress(chat, press);
        } else if (event instanceof Inbound.Command command) {
            command(chat, command.name(), command.args());
        } else if (event instanceof Inbound.Text text) {
            text(chat, text.text());
        }
        return List.copyOf(chat.replies());
    }

    @Override
    public Optional<Outbound> apology(Inbound event) {
        Person sender = Speakers.sender(event);
        if (event.chat().group() || sender == null) {
            return Optional.empty();
        }
        String language = BotScripts.language(sender.language(), shopLocale);
        return Optional.of(new Outbound.SendText(event.chat(), texts.get(language, "sorry")));
    }

    private void botMembership(Chat chat, boolean active) {
        if (chat.inGroup()) {
            groups.botMembership(chat, active);
        } else if (active) {
            members.remember(chat.handle(), chat.who());
        } else {
            members.markUnreachable(chat.handle(), chat.who().channel(), chat.who().userId(), chat.now());
        }
    }

    private void text(Chat chat, String text) {
        if (chat.inGroup()) {
            groups.spoke(chat);
            return;
        }
        String word = text.strip();
        ChatCommand alias = aliases.get(word);
        if (alias != null) {
            command(chat, alias.name(), "");
            return;
        }
        var scripted = word.isEmpty() ? Optional.<app.liuke.conversation.script.Dialogue>empty() : scripts.startedBy(word);
        if (scripted.isPresent()) {
            dialogues.clearQuietly(chat);
            startDialogue(chat, scripted.get().name());
            return;
        }
        if (!word.isEmpty() && todos.typed(chat, text)) {
            return;
        }
        var state = dialogues.active(chat);
        if (state.isPresent()) {
            guarded(chat, () -> dialogues.answerText(chat, state.get(), text));
        } else if (!word.isEmpty() && (campaigns.typed(chat, text) || surveys.typed(chat, text))) {
            return;
        } else if (word.isEmpty()) {
            chat.say("unknown.nonText");
        } else if (chat.replyCount() == 0) {
            chat.say("unknown.text", "text", ChatInput.clean(word.replace('\n', ' '), 40));
        }
    }

    private void command(Chat chat, String name, String args) {
        if (chat.inGroup()) {
            groups.spoke(chat);
        }
        if (name.equals("cancel")) {
            chat.say(dialogues.cancel(chat) ? "dialogue.cancelled" : "dialogue.nothing");
            return;
        }
        ChatCommand command = commands.get(name);
        if (command == null) {
            scriptCommand(chat, name);
            return;
        }
        if (!allowedHere(chat, command) || !allowedFor(chat, command)) {
            return;
        }
        if (!chat.inGroup()) {
            dialogues.clearQuietly(chat);
        }
        guarded(chat, () -> command.run(chat, args));
    }

    private void scriptCommand(Chat chat, String name) {
        var dialogue = scripts.startedBy(name);
        if (dialogue.isPresent() && chat.inGroup()) {
            chat.say("refused.private");
        } else if (dialogue.isPresent()) {
            dialogues.clearQuietly(chat);
            startDialogue(chat, dialogue.get().name());
        } else if (!chat.inGroup()) {
            chat.say("unknown.command", "command", ChatInput.clean(name, 32));
        }
    }

    private void startDialogue(Chat chat, String name) {
        guarded(chat, () -> {
            dialogues.start(chat, name, null, "name", ChatInput.name(chat.who().displayName(), ""));
            if (name.equals("help")) {
                chat.staff().ifPresent(member -> {
                    chat.say("help.staff");
                    if (member.role().atLeast(app.liuke.staff.Role.MANAGER)) {
                        chat.say("help.manager");
                    }
                });
            }
        });
    }

    private static boolean allowedHere(Chat chat, ChatCommand command) {
        if (command.place() == ChatCommand.Place.PRIVATE && chat.inGroup()) {
            if (command.role() != null) {
                chat.say("refused.private");
            }
            return false;
        }
        if (command.place() == ChatCommand.Place.GROUP && !chat.inGroup()) {
            chat.say("refused.group");
            return false;
        }
        return true;
    }

    /** Staff commands need the role; a customer typing one gets a polite refusal and nothing changes. */
    private static boolean allowedFor(Chat chat, ChatCommand command) {
        if (command.role() == null || chat.staff().map(member -> member.role().atLeast(command.role())).orElse(false)) {
            return true;
        }
        chat.say("refused.role", "command", command.name(), "role", chat.text("role." + command.role().code()));
        if (command.name().equals("staff") && chat.staff().isEmpty() && !chat.inGroup()) {
            String channel = chat.who().channel();
            String prefix = channel.equals("wecom-app") ? "wecom" : channel;
            chat.say("staff.yourId", "id", channel.equals("telegram") ? chat.who().userId() : prefix + ":" + chat.who().userId());
        }
        return false;
    }

    /** Runs {@code work} in a savepoint: bad input undoes only its own writes and replies, and is answered in words. */
    private void guarded(Chat chat, Runnable work) {
        int replies = chat.replyCount();
        try {
            chat.handle().savepoint(() -> {
                work.run();
                return null;
            });
        } catch (InvalidInput problem) {
            chat.dropRepliesAfter(replies);
            Texts errors = BotScripts.EN.equals(chat.language()) ? englishErrors : chineseErrors;
            chat.reply(errors.explain(problem));
        }
    }

    private void buttonPress(Chat chat, Inbound.ButtonPress press) {
        String data = press.data();
        for (ButtonRoute route : buttonRoutes) {
            if (data.startsWith(route.prefix())) {
                guarded(chat, () -> route.action().accept(chat, press));
                return;
            }
        }
        if (data.startsWith(Dialogues.COMMAND_BUTTON) && data.length() > 3) {
            chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), ""));
            String[] words = data.substring(3).split("\\s+", 2);
            command(chat, words[0].toLowerCase(Locale.ROOT), words.length > 1 ? words[1] : "");
            return;
        }
        String[] parts = data.split("\\|", 3);
        var state = dialogues.active(chat);
        boolean current = parts.length == 3 && (parts[0] + "|").equals(Dialogues.STEP_BUTTON) && state.isPresent()
                && state.get().step().equals(parts[1]);
        chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), current ? "" : chat.text("dialogue.buttonExpired")));
        if (current) {
            guarded(chat, () -> dialogues.answerButton(chat, state.get(), parts[1], parts[2]));
        }
    }
}
