package app.liuke.conversation;

import app.liuke.channel.ChatRef;
import app.liuke.channel.Outbound;
import app.liuke.customer.ChannelIdentity;
import app.liuke.customer.CustomerDraft;
import app.liuke.customer.CustomerService;
import app.liuke.customer.PhoneNumbers;
import app.liuke.store.Handle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code /bind PHONE} (绑定手机): one customer across channels. A phone nobody has is saved on the
 * member's record. A phone on file for another customer is proof of nothing by itself, so a 6-digit
 * code goes to that customer's own chat (Telegram, WeChat or the web chat); {@code /bind CODE} then
 * makes the two records one, as an import with the same phone would (the older record is kept, with
 * every channel). Five wrong codes or ten minutes end the attempt. Without a chat to send the code to,
 * the member is asked to let staff check it in the shop. Stateless and thread-safe.
 */
final class BindCommand {
    private static final Duration VALID = Duration.ofMinutes(10);
    private static final int ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Members members;
    private final CustomerService customers;
    private final PhoneNumbers phones;

    BindCommand(Members members, CustomerService customers, PhoneNumbers phones) {
        this.members = members;
        this.customers = customers;
        this.phones = phones;
    }

    ChatCommand command() {
        return ChatCommand.anyone("bind", List.of("绑定", "绑定手机"), ChatCommand.Place.PRIVATE, this::bind);
    }

    private void bind(Chat chat, String args) {
        String input = args.strip().replace(" ", "");
        if (input.isEmpty()) {
            chat.say("bind.usage");
            return;
        }
        long me = members.register(chat.handle(), chat.who(), chat.who().channel(), chat.now()).customerId();
        if (input.matches("\\d{6}")) {
            confirm(chat, me, input);
            return;
        }
        String phone = phones.normalize(input);
        Handle handle = chat.handle();
        Optional<Long> holder = handle.queryOne("SELECT id FROM customer WHERE phone = :phone", row -> row.getLong(1), "phone", phone);
        if (holder.isEmpty()) {
            customers.upsert(handle, draft(phone, chat), chat.now());
            chat.say("bind.saved", "phone", masked(phone));
            return;
        }
        if (holder.get() == me) {
            chat.say("bind.already", "phone", masked(phone));
            return;
        }
        Optional<ChatRef> theirChat = handle.queryOne("""
                SELECT channel, external_id FROM channel_identity WHERE customer_id = :id AND unreachable_at IS NULL
                  AND channel IN ('telegram', 'wechat', 'web') ORDER BY created_at DESC LIMIT 1""",
                row -> ChatRef.privateChat(row.getString(1), row.getString(2)), "id", holder.get());
        if (theirChat.isEmpty()) {
            chat.say("bind.askStaff", "phone", masked(phone));
            return;
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        handle.update("""
                INSERT INTO bind_request (customer_id, target_id, code_hash, attempts, expires_at)
                VALUES (:me, :target, :hash, 0, :until)
                ON CONFLICT (customer_id) DO UPDATE SET target_id = excluded.target_id, code_hash = excluded.code_hash,
                  attempts = 0, expires_at = excluded.expires_at""",
                "me", me, "target", holder.get(), "hash", hash(code), "until", chat.now().plus(VALID).getEpochSecond());
        chat.send(new Outbound.SendText(theirChat.get(), chat.text("bind.codeFor", "code", code, "phone", masked(phone))));
        chat.say("bind.codeSent", "channel", chat.text("channel." + theirChat.get().channel()));
    }

    private void confirm(Chat chat, long me, String code) {
        Handle handle = chat.handle();
        var request = handle.queryOne("SELECT target_id, code_hash, attempts, expires_at FROM bind_request WHERE customer_id = :me",
                row -> new Object[] {row.getLong(1), row.getString(2), row.getInt(3), row.getLong(4)}, "me", me);
        if (request.isEmpty() || (long) request.get()[3] < chat.now().getEpochSecond()) {
            handle.update("DELETE FROM bind_request WHERE customer_id = :me", "me", me);
            chat.say("bind.noRequest");
            return;
        }
        boolean right = MessageDigest.isEqual(hash(code).getBytes(StandardCharsets.US_ASCII),
                ((String) request.get()[1]).getBytes(StandardCharsets.US_ASCII));
        if (!right) {
            int attempts = (int) request.get()[2] + 1;
            if (attempts >= ATTEMPTS) {
                handle.update("DELETE FROM bind_request WHERE customer_id = :me", "me", me);
                chat.say("bind.tooMany");
            } else {
                handle.update("UPDATE bind_request SET attempts = :n WHERE customer_id = :me", "n", attempts, "me", me);
                chat.say("bind.wrongCode", "left", ATTEMPTS - attempts);
            }
            return;
        }
        long target = (long) request.get()[0];
        handle.update("DELETE FROM bind_request WHERE customer_id = :me", "me", me);
        String phone = handle.queryOne("SELECT phone FROM customer WHERE id = :id", row -> row.getString(1), "id", target).orElseThrow();
        long kept = customers.upsert(handle, draft(phone, chat), chat.now()).customerId();
        String name = handle.queryOne("SELECT name FROM customer WHERE id = :id", row -> row.getString(1), "id", kept).orElseThrow();
        chat.say("bind.merged", "name", name);
    }

    private static CustomerDraft draft(String phone, Chat chat) {
        return new CustomerDraft(null, phone, null, null, null, null, null, null, null, null, null, null,
                List.of(new ChannelIdentity(chat.who().channel(), chat.who().userId())), null);
    }

    private static String masked(String phone) {
        return phone.length() <= 7 ? phone : phone.substring(0, phone.length() - 8) + "****" + phone.substring(phone.length() - 4);
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
