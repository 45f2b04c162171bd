package app.liuke.conversation;

import app.liuke.channel.ChatRef;
import app.liuke.channel.Outbound;
import app.liuke.customer.Customer;
import app.liuke.customer.CustomerService;
import app.liuke.tier.ClassificationService;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/** The commands every customer has: /start, /me, /invite, /stop (退订). Stateless and thread-safe. */
final class CustomerCommands {
    private static final String CODE_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Members members;
    private final CustomerService customers;
    private final ClassificationService classification;
    private final Dialogues dialogues;
    private final CardText cards;
    private final InviteLinks invites;

    CustomerCommands(Members members, CustomerService customers, ClassificationService classification, Dialogues dialogues,
                     CardText cards, InviteLinks invites) {
        this.members = members;
        this.customers = customers;
        this.classification = classification;
        this.dialogues = dialogues;
        this.cards = cards;
        this.invites = invites;
    }

    List<ChatCommand> all() {
        return List.of(
                ChatCommand.anyone("start", List.of("开始"), ChatCommand.Place.PRIVATE, this::start),
                ChatCommand.anyone("me", List.of("会员卡", "我的会员卡"), ChatCommand.Place.ANYWHERE, this::me),
                ChatCommand.anyone("invite", List.of("邀请", "邀请好友"), ChatCommand.Place.PRIVATE, this::invite),
                ChatCommand.anyone("stop", List.of("退订", "取消订阅", "TD", "td"), ChatCommand.Place.ANYWHERE, this::stop));
    }

    /** /start [payload]: greets staff as staff; registers or welcomes back a customer; offers opting in again. */
    private void start(Chat chat, String payload) {
        if (chat.staff().isPresent()) {
            chat.say("welcome.staff", "name", chat.staff().get().name(), "role", chat.text("role." + chat.staff().get().role().code()));
            return;
        }
        String code = ChatInput.clean(payload, 64);
        var registration = members.register(chat.handle(), chat.who(), source(chat, code), chat.now());
        Customer customer = customers.find(chat.handle(), registration.customerId()).orElseThrow();
        if (registration.created() && code.startsWith("ref_")) {
            referrer(chat, code.substring(4), customer).ifPresent(referrer -> chat.say("welcome.referred", "referrer", referrer));
        }
        if (customer.optedOut()) {
            dialogues.start(chat, "optin", null, "name", customer.name());
        } else {
            dialogues.start(chat, "welcome", registration.created() ? "new" : "back", "name", customer.name());
        }
    }

    private static String source(Chat chat, String code) {
        String channel = chat.who().channel();
        return code.isEmpty() || code.startsWith("ref_") ? channel : channel + ":" + code;
    }

    /** Records who invited a new member, once: only on the registration itself and never oneself. */
    private Optional<String> referrer(Chat chat, String inviteCode, Customer customer) {
        var referrer = chat.handle().queryOne("SELECT id, name FROM customer WHERE invite_code = :code",
                row -> new Object[] {row.getLong(1), row.getString(2)}, "code", inviteCode);
        if (referrer.isEmpty() || (long) referrer.get()[0] == customer.id() || customer.referrerId() != null) {
            return Optional.empty();
        }
        chat.handle().update("UPDATE customer SET referrer_id = :referrer WHERE id = :id AND referrer_id IS NULL",
                "referrer", referrer.get()[0], "id", customer.id());
        return Optional.of((String) referrer.get()[1]);
    }

    /** /me: the membership card; asked in a group, it goes to the private chat and the group hears only that it went. */
    private void me(Chat chat, String args) {
        Optional<Long> customerId = members.customerOf(chat.handle(), chat.who());
        ChatRef to = chat.privateChat();
        if (customerId.isEmpty()) {
            chat.send(new Outbound.SendText(to, chat.text("me.notRegistered")));
        } else {
            Customer customer = customers.find(chat.handle(), customerId.get()).orElseThrow();
            chat.send(new Outbound.SendText(to, cards.card(chat, customer.name(), classification.card(chat.handle(), customer.id()))));
        }
        if (chat.inGroup()) {
            chat.say("me.sentPrivately", "name", ChatInput.name(chat.who().displayName(), ""));
        }
    }

    /** /invite: the member's personal link (t.me/bot?start=ref_CODE, or a WeChat QR code); the code is made once and kept. */
    private void invite(Chat chat, String args) {
        long customerId = members.register(chat.handle(), chat.who(), chat.who().channel(), chat.now()).customerId();
        String code = chat.handle().queryOne("SELECT invite_code FROM customer WHERE id = :id", row -> row.getString(1),
                "id", customerId).orElse(null);
        while (code == null) {
            String candidate = newCode();
            if (chat.handle().queryLong("SELECT count(*) FROM customer WHERE invite_code = :code", "code", candidate) == 0) {
                chat.handle().update("UPDATE customer SET invite_code = :code WHERE id = :id", "code", candidate, "id", customerId);
                code = candidate;
            }
        }
        String channel = chat.who().channel();
        var link = invites.link(chat.handle(), channel, "ref_" + code, chat.now());
        if (link.isPresent()) {
            chat.say(channel.equals("wechat") ? "invite.qr" : "invite.link", "link", link.get());
        } else {
            chat.say("invite.code", "code", "ref_" + code);
        }
    }

    /** /stop or 退订: opted out at once; the confirmation goes to the private chat. */
    private void stop(Chat chat, String args) {
        var registration = members.register(chat.handle(), chat.who(), chat.who().channel(), chat.now());
        Customer customer = customers.find(chat.handle(), registration.customerId()).orElseThrow();
        if (customer.optedOut()) {
            chat.send(new Outbound.SendText(chat.privateChat(), chat.text("optout.already")));
            return;
        }
        dialogues.clearQuietly(chat);
        dialogues.start(chat.inGroup() ? chat.forPrivate() : chat, "optout", null, "name", customer.name());
    }

    private static String newCode() {
        var code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(CODE_LETTERS.charAt(RANDOM.nextInt(CODE_LETTERS.length())));
        }
        return code.toString();
    }
}
