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
 * occurrence the outbox row that carried it belongs to (the dispatcher tells the
 * simulation which row each message id it delivered belongs to). The purpose comes from the campaign's config,
 * not from the row: a campaign's messages are care or marketing as the shop configured them, and a
 * message outside campaigns is a reply only when the customer had just written or pressed a button.
 */
final class SendResolver {
    record Resolved(Send send, RecordingGateway.Sent message) {
    }

    private final Liuke liuke;
    private final Map<String, String> purposes = new java.util.HashMap<>();
    private final Map<String, String> keys = new java.util.HashMap<>();

    SendResolver(Liuke liuke, LiukeConfig config) {
        this.liuke = liuke;
        for (CampaignSettings campaign : config.campaigns()) {
            purposes.put(campaign.name(), campaign.purpose().key());
        }
    }

    /** The dispatcher's word for each delivered row: which outbox key the channel's message id belongs to. */
    void delivered(app.liuke.outbox.OutboxRow row, String externalId) {
        keys.put(externalId, row.key());
    }

    /** The hour's texts in the send log; what else was delivered (edits, button answers) is forgotten with them. */
    List<Resolved> resolve(List<RecordingGateway.Sent> sent, Map<String, SimCustomer> byChat) {
        var rowKeys = new java.util.HashMap<>(keys);
        keys.clear();
        if (sent.isEmpty()) {
            return List.of();
        }
        var customers = new java.util.LinkedHashMap<RecordingGateway.Sent, SimCustomer>();
        for (RecordingGateway.Sent message : sent) {
            SimCustomer customer = byChat.get(message.channel() + ":" + message.chatId());
            if (customer != null) {                       // else not a customer's chat (none in the simulated shop)
                customers.put(message, customer);
            }
        }
        Map<Long, String> tiers = tiers(customers.values().stream().map(customer -> customer.id).distinct().toList());
        var resolved = new ArrayList<Resolved>();
        customers.forEach((message, customer) -> {
            // a campaign's rows are keyed campaign:NAME:CUSTOMER:OCCURRENCE (#2, #3 … for its further messages)
            String key = rowKeys.get(message.externalId());
            String[] parts = key != null && key.startsWith("campaign:") ? key.replaceFirst("#\\d+$", "").split(":", 4) : null;
            String campaign = parts == null ? null : parts[1];
            String purpose = campaign != null ? purposes.getOrDefault(campaign, "marketing")
                    : customer.justActed(message.at()) ? Send.REPLY : Send.OTHER;
            resolved.add(new Resolved(new Send(customer.id, tiers.get(customer.id), message.at(), message.channel(), campaign,
                    parts == null ? null : parts[3], purpose, customer.optedOutAt), message));
        });
        return resolved;
    }

    /** The customers' tiers right now, a few hundred per query. */
    private Map<Long, String> tiers(List<Long> ids) {
        var tiers = new java.util.HashMap<Long, String>();
        for (int from = 0; from < ids.size(); from += 500) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String list = "[" + String.join(",", chunk.stream().map(String::valueOf).toList()) + "]";
            liuke.database().read(handle -> handle.query("SELECT id, tier FROM customer WHERE id IN (SELECT value FROM json_each(:ids))",
                    row -> tiers.put(row.getLong(1), row.getString(2)), "ids", list));
        }
        return tiers;
    }
}
