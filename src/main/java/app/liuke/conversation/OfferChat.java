package app.liuke.conversation;

import app.liuke.channel.Button;
import app.liuke.channel.ChatRef;
import app.liuke.channel.Inbound;
import app.liuke.channel.Outbound;
import app.liuke.group.ChatGroup;
import app.liuke.group.Groups;
import app.liuke.offer.Offer;
import app.liuke.offer.Offers;
import app.liuke.staff.Role;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Offers in chat. {@code /offers} lists a customer's offers with their codes (privately). A manager
 * sending {@code /offers} in a loyal-customer group gets a private menu to post an offer there;
 * members claim a posted offer with its button and get their personal code privately, or are told
 * why not. Stateless and thread-safe.
 */
final class OfferChat {
    static final String POST = "o|p|";
    static final String CLAIM = "o|c|";
    private final Offers offers;
    private final Members members;
    private final Groups groups;
    private final OfferWords words;

    OfferChat(Offers offers, Members members, Groups groups, OfferWords words) {
        this.offers = offers;
        this.members = members;
        this.groups = groups;
        this.words = words;
    }

    List<ChatCommand> commands() {
        return List.of(ChatCommand.anyone("offers", List.of("优惠", "我的优惠", "优惠券"), ChatCommand.Place.ANYWHERE, this::offers));
    }

    List<ButtonRoute> buttons() {
        return List.of(new ButtonRoute(POST, this::post), new ButtonRoute(CLAIM, this::claim));
    }

    private void offers(Chat chat, String args) {
        if (chat.inGroup() && chat.staff().map(member -> member.role().atLeast(Role.MANAGER)).orElse(false)) {
            postMenu(chat);
            return;
        }
        Chat reply = chat.inGroup() ? chat.forPrivate() : chat;
        long customerId = members.register(chat.handle(), chat.who(), chat.who().channel(), chat.now()).customerId();
        String name = ChatInput.name(chat.who().displayName(), "");
        List<Offers.Held> held = offers.current(chat.handle(), customerId, chat.now());
        if (held.isEmpty()) {
            reply.say("offers.none", "name", name);
        } else {
            var text = new StringBuilder(chat.text("offers.header", "name", name));
            for (Offers.Held offer : held) {
                text.append('\n').append(chat.text("offers.item", "title", offer.offer().title(), "text", offer.offer().text(),
                        "code", offer.shownCode(), "until", words.until(chat, offer.expiresAt())));
            }
            reply.reply(text.append('\n').append(chat.text("offers.footer")).toString());
        }
        if (chat.inGroup()) {
            chat.say("offers.sentPrivately", "name", name);
        }
    }

    /** A manager's private menu of running offers to post in this group. */
    private void postMenu(Chat chat) {
        if (managedGroup(chat, chat.where()).isEmpty()) {
            chat.say("offers.notManaged");
            return;
        }
        LocalDate today = LocalDate.ofInstant(chat.now(), words.zone());
        var rows = offers.catalog().all(chat.handle()).stream().filter(offer -> offer.runsOn(today))
                .map(offer -> List.of(new Button(chat.text("offers.postButton", "title", offer.title()),
                        POST + chat.where().chatId() + "|" + offer.id())))
                .toList();
        Chat manager = chat.forPrivate();
        if (rows.isEmpty()) {
            manager.say("offers.postNone");
        } else {
            manager.reply(chat.text("offers.postMenu"), rows);
        }
        chat.say("offers.menuSent");
    }

    private void post(Chat chat, Inbound.ButtonPress press) {
        String[] parts = press.data().substring(POST.length()).split("\\|", 2);
        boolean manager = chat.staff().map(member -> member.role().atLeast(Role.MANAGER)).orElse(false);
        ChatRef group = new ChatRef(chat.where().channel(), parts[0], true);
        Optional<Offer> offer = parts.length == 2 ? offers.catalog().find(chat.handle(), parts[1]) : Optional.empty();
        LocalDate today = LocalDate.ofInstant(chat.now(), words.zone());
        String problem = !manager ? chat.text("refused.role", "command", "offers", "role", chat.text("role.manager"))
                : managedGroup(chat, group).isEmpty() ? chat.text("offers.notManaged")
                : offer.isEmpty() || !offer.get().runsOn(today) ? chat.text("offers.claim.ended") : null;
        if (problem != null) {
            chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), problem));
            return;
        }
        Offer posted = offer.get();
        chat.send(new Outbound.SendText(group, chat.text("offers.groupPost", "title", posted.title(), "text", posted.text(),
                "until", words.untilDay(chat, posted.validUntil())),
                List.of(List.of(new Button(chat.text("offers.claimButton"), CLAIM + posted.id())))));
        chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), chat.text("offers.posted", "title", posted.title())));
    }

    /** A member pressed "claim" under a group offer: their code privately, or why not (as the button's answer). */
    private void claim(Chat chat, Inbound.ButtonPress press) {
        Optional<ChatGroup> group = managedGroup(chat, chat.where());
        Optional<Offer> offer = offers.catalog().find(chat.handle(), press.data().substring(CLAIM.length()));
        String answer;
        if (group.isEmpty()) {
            answer = chat.text("offers.notManaged");
        } else if (offer.isEmpty()) {
            answer = chat.text("offers.claim.ended");
        } else {
            long customerId = members.register(chat.handle(), chat.who(), chat.who().channel(), chat.now()).customerId();
            answer = leftGroup(chat, group.get(), customerId) ? chat.text("offers.claim.notMember")
                    : give(chat, offer.get(), customerId, "group:" + chat.where().chatId());
        }
        chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), answer));
    }

    private String give(Chat chat, Offer offer, long customerId, String via) {
        Offers.Claim claim = offers.claim(chat.handle(), offer, customerId, via, chat.now());
        if (!claim.given()) {
            return switch (claim.refusal()) {
                case NOT_RUNNING -> chat.text("offers.claim.ended");
                case NOT_ELIGIBLE -> chat.text("offers.claim.notEligible", "who", words.who(chat, offer));
                case USED_UP -> chat.text("offers.claim.usedUp");
                case OUT_OF_STOCK -> chat.text("offers.claim.outOfStock");
            };
        }
        Offers.Held held = claim.held();
        chat.forPrivate().say("offers.claim.code", "title", offer.title(), "text", offer.text(), "code", held.shownCode(),
                "until", words.until(chat, held.expiresAt()));
        return chat.text("offers.claim.sent", "code", held.shownCode());
    }

    private Optional<ChatGroup> managedGroup(Chat chat, ChatRef where) {
        return groups.find(chat.handle(), where.channel(), where.chatId()).filter(ChatGroup::active);
    }

    /** A member who was seen leaving (and not back) is no longer a member; anyone else pressing in the group is. */
    private static boolean leftGroup(Chat chat, ChatGroup group, long customerId) {
        return chat.handle().queryLong("SELECT count(*) FROM group_member WHERE group_id = :group AND customer_id = :customer"
                + " AND left_at IS NOT NULL", "group", group.id(), "customer", customerId) > 0;
    }
}
