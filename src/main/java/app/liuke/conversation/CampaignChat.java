package app.liuke.conversation;

import app.liuke.campaign.Broadcasts;
import app.liuke.campaign.Campaigns;
import app.liuke.campaign.FollowUpCampaign;
import app.liuke.campaign.RunReport;
import app.liuke.channel.Button;
import app.liuke.channel.ChatRef;
import app.liuke.channel.Inbound;
import app.liuke.channel.Outbound;
import app.liuke.outbox.Outbox;
import app.liuke.staff.Role;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Campaigns in chat. Managers: {@code /campaign list|preview NAME|run NAME} and {@code /broadcast SEGMENT}
 * (the next message is the text; a preview with the count and a confirm button follows). Runs go to
 * the campaign thread; the report comes back as a message. Customers: the buttons under the
 * after-sales follow-up ("all good" / "something is wrong", which opens the satisfaction survey).
 */
final class CampaignChat {
    private static final String BROADCAST_BUTTON = "b|";
    private final Campaigns campaigns;
    private final SurveyChat surveys;
    private final Members members;
    private final ChatTexts texts;
    private final Outbox outbox = new Outbox();
    private final java.time.Clock clock;

    CampaignChat(Campaigns campaigns, SurveyChat surveys, Members members, ChatTexts texts, java.time.Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
        this.surveys = surveys;
        this.members = members;
        this.texts = texts;
    }

    List<ChatCommand> commands() {
        return List.of(ChatCommand.staff("campaign", Role.MANAGER, this::campaign),
                ChatCommand.staff("broadcast", Role.MANAGER, this::broadcast));
    }

    List<ButtonRoute> buttons() {
        return List.of(new ButtonRoute(BROADCAST_BUTTON, this::broadcastButton), new ButtonRoute(FollowUpCampaign.BUTTON, this::followUp));
    }

    private void campaign(Chat chat, String args) {
        String[] words = args.strip().split("\\s+");
        String verb = words[0].toLowerCase(java.util.Locale.ROOT);
        if (verb.isEmpty() || verb.equals("list")) {
            chat.say("campaign.list", "names", String.join(", ", campaigns.names()));
            return;
        }
        if (words.length < 2 || !(verb.equals("run") || verb.equals("preview"))) {
            chat.say("campaign.usage");
            return;
        }
        String name = words[1];
        if (verb.equals("preview")) {
            chat.reply(summary(chat, campaigns.preview(name)));
            return;
        }
        campaigns.requireRunnable(name);  // an unknown name is refused now, not in the background
        chat.say("campaign.started", "name", name);
        report(chat, () -> campaigns.run(name, "chat"));
    }

    private void broadcast(Chat chat, String args) {
        if (args.isBlank()) {
            chat.say("campaign.broadcast.usage");
            return;
        }
        long staffId = chat.staff().orElseThrow().id();
        long size = campaigns.broadcasts().open(chat.handle(), staffId, args, chat.now());
        chat.say("campaign.broadcast.askText", "segment", args.strip(), "count", size);
    }

    /** The text after {@code /broadcast}: true when it was taken as a draft's text. */
    boolean typed(Chat chat, String text) {
        if (chat.inGroup() || chat.staff().isEmpty() || !chat.staff().get().role().atLeast(Role.MANAGER)) {
            return false;
        }
        var draft = campaigns.broadcasts().draft(chat.handle(), chat.staff().get().id(), chat.now());
        if (draft.isEmpty() || draft.get().text() != null) {
            return false;
        }
        String clean = ChatInput.clean(text, 3000);
        RunReport preview = campaigns.broadcasts().write(chat.handle(), draft.get(), clean);
        chat.reply(chat.text("campaign.broadcast.preview", "text", clean, "count", preview.queued(),
                "skipped", preview.skippedTotal(), "reasons", reasons(chat, preview)),
                List.of(List.of(new Button(chat.text("campaign.broadcast.confirm"), BROADCAST_BUTTON + "ok|" + draft.get().id()),
                        new Button(chat.text("campaign.broadcast.cancel"), BROADCAST_BUTTON + "no|" + draft.get().id()))));
        return true;
    }

    private void broadcastButton(Chat chat, Inbound.ButtonPress press) {
        String[] parts = press.data().split("\\|");
        if (chat.staff().isEmpty() || !chat.staff().get().role().atLeast(Role.MANAGER) || parts.length != 3 || !parts[2].matches("\\d{1,18}")) {
            chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), chat.text("refused.role")));
            return;
        }
        long staffId = chat.staff().get().id();
        long draftId = Long.parseLong(parts[2]);
        if (parts[1].equals("no")) {
            campaigns.broadcasts().cancel(chat.handle(), staffId, draftId);
            chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), chat.text("campaign.broadcast.cancelled")));
            return;
        }
        var draft = campaigns.broadcasts().confirm(chat.handle(), staffId, draftId, chat.now());
        if (draft.isEmpty()) {
            chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), chat.text("campaign.broadcast.gone")));
            return;
        }
        chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), chat.text("campaign.broadcast.sending")));
        report(chat, () -> campaigns.broadcasts().send(draft.get()));
    }

    private void followUp(Chat chat, Inbound.ButtonPress press) {
        String[] parts = press.data().split("\\|");
        var customer = members.customerOf(chat.handle(), chat.who());
        boolean theirs = parts.length == 3 && customer.isPresent() && parts[2].equals(String.valueOf(customer.get()));
        if (!theirs) {
            chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), null));
            return;
        }
        chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), null));
        if (parts[1].equals("bad")) {
            surveys.startOrResume(chat);
        } else {
            chat.say("campaign.followUp.thanks");
        }
    }

    /** Runs in the background and tells this chat how it went. */
    private void report(Chat chat, java.util.function.Supplier<RunReport> run) {
        ChatRef where = chat.where();
        String language = chat.language();
        campaigns.inBackground(run, (handle, report) -> {
            String text = report == null ? texts.get(language, "sorry") : summary(language, report);
            outbox.enqueue(handle, new Outbound.SendText(where, text, List.of()), "campaign-report:" + UUID.randomUUID(), null,
                    clock.instant());
        });
    }

    private String summary(Chat chat, RunReport report) {
        return summary(chat.language(), report);
    }

    private String summary(String language, RunReport report) {
        return texts.get(language, report.preview() ? "campaign.previewed" : "campaign.ran", "name", report.campaign(),
                "count", report.queued(), "deferred", report.deferred(), "skipped", report.skippedTotal(),
                "reasons", reasons(language, report), "already", report.already());
    }

    private String reasons(Chat chat, RunReport report) {
        return reasons(chat.language(), report);
    }

    /** The skips by reason in the language's brackets, e.g. "（已退订 2，近期已联系过 1）" or " (opted out 2, contacted recently 1)"; none: "". */
    private String reasons(String language, RunReport report) {
        if (report.skipped().isEmpty()) {
            return "";
        }
        return texts.get(language, "punct.open") + report.skipped().entrySet().stream().map((Map.Entry<String, Integer> e) ->
                texts.get(language, "campaign.reason." + e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(texts.get(language, "punct.clause"))) + texts.get(language, "punct.close");
    }
}
