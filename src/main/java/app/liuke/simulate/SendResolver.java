package app.liuke.simulate;

import app.liuke.Liuke;
import app.liuke.campaign.CampaignSettings;
import app.liuke.config.LiukeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns what the recording channels delivered into the send log: whose chat it was (the simulation's
 * own map), the tier the customer has right now (just after the send), and which campaign and
 * occurrence the outbox row that carried it belongs to (found by the message id the recording channel
 * gave it, among the chat's rows, newest first). The purpose comes from the campaign's config,
 * not from the row: a campaign's messages are care or marketing as the shop configured them, and a
 * message outside campaigns is a reply only when the customer had just written or pressed a button.
 */
final class SendResolver {
    record Resolved(Send send, RecordingGateway.Sent message) {
    }

    private final Liuke liuke;
    private final Map<String, String> purposes = new java.util.HashMap<>();

    SendResolver(Liuke liuke, LiukeConfig config) {
        this.liuke = liuke;
        for (CampaignSettings campaign : config.campaigns()) {
            purposes.put(campaign.name(), campaign.purpose().key());
        }
    }

    List<Resolved> resolve(List<RecordingGateway.Sent> sent, Map<String, SimCustomer> byChat) {
        if (sent.isEmpty()) {
            return List.of();
        }
        return liuke.database().read(handle -> {
            var resolved = new ArrayList<Resolved>();
            for (RecordingGateway.Sent message : sent) {
                SimCustomer customer = byChat.get(message.channel() + ":" + message.chatId());
                if (customer == null) {
                    continue;                                 // not a customer's chat (none in the simulated shop)
                }
                String tier = handle.queryOne("SELECT tier FROM customer WHERE id = :customer", r -> r.getString(1),
                        "customer", customer.id).orElseThrow();
                // The chat's newest rows first: the one just sent is among the first few.
                String[] row = handle.queryOne("""
                        SELECT campaign, occurrence FROM outbox WHERE channel = :channel AND chat_id = :chat AND external_id = :external
                        ORDER BY id DESC LIMIT 1""", r -> new String[] {r.getString(1), r.getString(2)},
                        "channel", message.channel(), "chat", message.chatId(), "external", message.externalId())
                        .orElse(new String[2]);
                String campaign = row[0];
                String purpose = campaign != null ? purposes.getOrDefault(campaign, "marketing")
                        : customer.justActed(message.at()) ? Send.REPLY : Send.OTHER;
                resolved.add(new Resolved(new Send(customer.id, tier, message.at(), message.channel(), campaign, row[1], purpose,
                        customer.optedOutAt), message));
            }
            return resolved;
        });
    }
}
