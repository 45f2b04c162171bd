package app.liuke.customer;

import app.liuke.shared.InvalidInput;

/** A customer's address on one channel: ("telegram", "123456789"), ("wechat", openid), ("web", session). */
public record ChannelIdentity(String channel, String externalId) {
    public ChannelIdentity {
        if (channel == null || !channel.matches("[a-z][a-z0-9_]{1,15}")) {
            throw new InvalidInput("identities", "error.identity.channel", String.valueOf(channel));
        }
        externalId = externalId == null ? "" : externalId.strip();
        if (externalId.isEmpty() || externalId.length() > 128 || !externalId.matches("[\\x21-\\x7e]+")) {
            throw new InvalidInput("identities", "error.identity.id", channel);
        }
    }
}
