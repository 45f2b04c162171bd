package app.liuke.simulate;

import app.liuke.Liuke;
import app.liuke.channel.Inbound;
import app.liuke.channel.Person;
import app.liuke.customer.CustomerDraft;
import app.liuke.demo.DemoShop;
import app.liuke.survey.SurveyEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * What the simulated customers do, in time order, through the real service: a purchase at the counter
 * ({@code PurchaseService}, showing a code a message brought with {@code Redemptions}), a survey button
 * pressed or {@code /stop} sent in chat ({@code ChatPipeline}), an opt-out recorded by staff
 * ({@code CustomerService}). {@link #react} decides, with {@link Behaviour}, what a message makes a customer do.
 */
final class CustomerActions {
    enum Kind { BUY, BUY_AFTER_MESSAGE, STOP, PRESS, STAFF_OPT_OUT }

    private record Action(Instant at, long order, SimCustomer customer, Kind kind, String data, String messageId) {
    }

    private final Liuke liuke;
    private final SimClock clock;
    private final ZoneId zone;
    private final Behaviour behaviour;
    private final YearFigures figures;
    private final PriorityQueue<Action> actions = new PriorityQueue<>(Comparator.comparing(Action::at).thenComparing(Action::order));
    private final Map<String, SimCustomer> byChat = new HashMap<>();
    private final Set<String> reacted = new HashSet<>();
    private long order;
    private long inbound;
    private int optOuts;

    CustomerActions(Liuke liuke, SimClock clock, Behaviour behaviour, YearFigures figures) {
        this.liuke = liuke;
        this.clock = clock;
        this.zone = clock.getZone();
        this.behaviour = behaviour;
        this.figures = figures;
    }

    /** A customer of the shop: reachable in chat when they have one, and buying at their pace from now. */
    void add(SimCustomer customer) {
        if (customer.chat != null) {
            byChat.put(customer.chat.channel() + ":" + customer.chat.chatId(), customer);
        }
        schedule(openHours(behaviour.nextPurchase(clock.instant(), customer.gapDays)), customer, Kind.BUY, null, null);
    }

    Map<String, SimCustomer> byChat() {
        return byChat;
    }

    int optOuts() {
        return optOuts;
    }

    void schedule(Instant at, SimCustomer customer, Kind kind, String data, String messageId) {
        actions.add(new Action(at, order++, customer, kind, data, messageId));
    }

    /** A time in the shop's opening hours (10:00–20:00) on the day of {@code at}, or the next day's when it is past. */
    Instant openHours(Instant at) {
        var local = at.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        if (minute >= 10 * 60 && minute < 20 * 60) {
            return at;
        }
        var day = minute < 10 * 60 ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return day.atTime(10, 0).plusMinutes(behaviour.random().nextInt(600)).atZone(zone).toInstant();
    }

    void actUntil(Instant until) {
        while (!actions.isEmpty() && actions.peek().at().isBefore(until)) {
            Action action = actions.poll();
            clock.set(action.at());
            act(action);
        }
    }

    private void act(Action action) {
        SimCustomer customer = action.customer();
        switch (action.kind()) {
            case BUY, BUY_AFTER_MESSAGE -> {
                boolean bringsCode = action.kind() == Kind.BUY_AFTER_MESSAGE && behaviour.random().nextInt(10) < 7;
                buy(customer, action.at(), bringsCode);
                if (action.kind() == Kind.BUY) {
                    customer.gapDays = behaviour.afterPurchase(customer.gapDays);
                    schedule(openHours(behaviour.nextPurchase(action.at(), customer.gapDays)), customer, Kind.BUY, null, null);
                }
            }
            case STOP -> {
                chat(customer, new Inbound.Command(customer.chat, person(customer), "stop", ""));
                optedOut(customer, action.at());
            }
            case PRESS -> chat(customer, new Inbound.ButtonPress(customer.chat, person(customer), "sim-" + inbound,
                    action.data(), action.messageId()));
            case STAFF_OPT_OUT -> {
                liuke.customers().patch(customer.id, new CustomerDraft(null, null, null, null, null, null, null, null, null, null,
                        null, true, null, null));
                optedOut(customer, action.at());
            }
        }
    }

    /** A sale at the counter; a customer who came because of a message often shows the code it carried (/redeem). */
    private void buy(SimCustomer customer, Instant at, boolean bringsCode) {
        var sale = DemoShop.sale(behaviour.random(), customer.id, at, customer.store, customer.staffId);
        liuke.database().useTransaction(handle -> {
            long purchase = liuke.purchases().record(handle, sale, at);
            String code = !bringsCode ? null : handle.queryOne("""
                    SELECT k.code FROM offer_code k WHERE k.customer_id = :customer AND (k.expires_at IS NULL OR k.expires_at > :now)
                      AND NOT EXISTS (SELECT 1 FROM offer_redemption r WHERE r.code_id = k.id)
                    ORDER BY k.issued_at DESC LIMIT 1""", row -> row.getString(1), "customer", customer.id,
                    "now", at.getEpochSecond()).orElse(null);
            if (code != null) {
                var used = liuke.redemptions().redeem(handle, code, customer.id, customer.staffId, customer.store, at);
                if (used.redeemed()) {
                    liuke.redemptions().linkPurchase(handle, used.redemptionId(), purchase);
                }
            }
        });
        figures.purchase();
    }

    private void optedOut(SimCustomer customer, Instant at) {
        if (customer.optedOutAt == null) {
            customer.optedOutAt = at;
            optOuts++;
        }
    }

    private void chat(SimCustomer customer, Inbound event) {
        customer.lastChatAt = clock.instant();
        liuke.channels().pipeline().processNow(event, "simulate:" + inbound++);
    }

    private static Person person(SimCustomer customer) {
        return Person.of(customer.chat.channel(), customer.chat.chatId(), customer.name, "zh");
    }

    /** What a customer does about a message: answers the survey question in it, comes in to buy, or opts out. */
    void react(Send send, RecordingGateway.Sent message) {
        SimCustomer customer = byChat.get(message.channel() + ":" + message.chatId());
        var survey = message.buttonData().stream().filter(data -> data.startsWith(SurveyEngine.ANSWER_BUTTON)).toList();
        if (!survey.isEmpty() && customer.onTelegram() && behaviour.answers(!send.purpose().equals(Send.REPLY))) {
            boolean first = !send.purpose().equals(Send.REPLY);
            schedule(behaviour.soonAfter(send.sentAt(), first ? 5 : 1, first ? 120 : 10), customer, Kind.PRESS,
                    behaviour.pick(survey), message.externalId());
        }
        if (send.campaign() != null && reacted.add(send.customerId() + "|" + send.contact()) && behaviour.buysAfter(send.campaign())) {
            schedule(openHours(send.sentAt().plus(Duration.ofDays(1 + behaviour.random().nextInt(14)))), customer,
                    Kind.BUY_AFTER_MESSAGE, null, null);
            if (customer.gapDays > 200) {
                customer.gapDays = 60 + behaviour.random().nextInt(60);      // won back: buys like a repeat customer again
            }
        }
        if (send.purpose().equals("marketing") && customer.optedOutAt == null && behaviour.optsOut()) {
            schedule(customer.onTelegram() ? behaviour.soonAfter(send.sentAt(), 1, 180) : openHours(send.sentAt().plus(Duration.ofDays(1))),
                    customer, customer.onTelegram() ? Kind.STOP : Kind.STAFF_OPT_OUT, null, null);
        }
    }
}
