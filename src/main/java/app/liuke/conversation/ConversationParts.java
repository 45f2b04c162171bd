package app.liuke.conversation;

import app.liuke.conversation.script.BotScripts;
import app.liuke.customer.CustomerService;
import app.liuke.customer.FollowUpService;
import app.liuke.customer.PhoneNumbers;
import app.liuke.customer.PurchaseService;
import app.liuke.group.Groups;
import app.liuke.offer.Offers;
import app.liuke.offer.Redemptions;
import app.liuke.survey.SurveyEngine;
import app.liuke.task.FollowUpTasks;
import app.liuke.staff.StaffDirectory;
import app.liuke.tier.ClassificationService;
import app.liuke.tier.Classifier;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Locale;

/**
 * What the conversation needs from the rest of the service. {@link #build} wires the router, its
 * commands and the dialogue engine (their constructors are package-private; this is their one
 * assembly point, called from the composition root).
 */
public record ConversationParts(BotScripts scripts, Locale shopLocale, ZoneId zone, CustomerService customers,
                                PurchaseService purchases, FollowUpService followUps, ClassificationService classification,
                                Classifier classifier, StaffDirectory staff, PhoneNumbers phones, Groups groups,
                                InviteLinks invites, Offers offers, Redemptions redemptions, SurveyEngine surveys,
                                FollowUpTasks tasks, app.liuke.campaign.Campaigns campaigns, app.liuke.report.Reports reports,
                                app.liuke.workbench.Todos todos, java.util.List<app.liuke.campaign.CampaignSettings.Holiday> holidays,
                                java.time.Clock clock) {

    /** The router and the handler of delivery news (blocked bots, moved groups) that shares its stores. */
    public record Built(Conversation conversation, ChannelEvents events) {
    }

    public Built build() {
        var texts = new ChatTexts(scripts);
        var members = new Members(customers);
        var states = new DialogueStates();
        var actions = new ScriptActions(members, customers, staff, texts, BotScripts.language(null, shopLocale), zone);
        var dialogues = new Dialogues(scripts, states, actions, phones, zone);
        var groupEvents = new GroupEvents(groups, members, staff, classifier, dialogues, states);
        var commands = new ArrayList<ChatCommand>();
        commands.addAll(new CustomerCommands(members, customers, classification, dialogues, new CardText(zone), invites).all());
        var staffCommands = new StaffCommands(new CustomerLookup(customers), customers, purchases, followUps, classification,
                staff, zone);
        commands.addAll(staffCommands.all());
        commands.add(new BindCommand(members, customers, phones).command());
        commands.addAll(new ManagerCommands(staff, members, groups).all());
        var offerWords = new OfferWords(zone);
        var offerChat = new OfferChat(offers, members, groups, offerWords);
        commands.addAll(offerChat.commands());
        commands.add(new RedeemCommand(redemptions, new CustomerLookup(customers), customers, purchases, offerWords).command());
        var surveyChat = new SurveyChat(surveys, tasks, members, zone);
        commands.add(surveyChat.command());
        var campaignChat = new CampaignChat(campaigns, surveyChat, members, texts, clock);
        commands.addAll(campaignChat.commands());
        commands.add(new ReportChat(reports, clock).command());
        var todoChat = new TodoChat(todos, new app.liuke.workbench.TeamView(todos), customers, followUps, tasks, states, staffCommands,
                holidays, zone);
        commands.add(todoChat.command());
        var buttons = new ArrayList<ButtonRoute>(offerChat.buttons());
        buttons.addAll(surveyChat.buttons());
        buttons.addAll(campaignChat.buttons());
        buttons.addAll(todoChat.buttons());
        var contacts = new ContactEvents(members, customers, staff, groups, groupEvents, classifier);
        var conversation = new Conversation(commands, buttons, surveyChat, campaignChat, todoChat, scripts, texts, dialogues, members, staff,
                groupEvents, contacts, shopLocale);
        return new Built(conversation, new ChannelEvents(members, groupEvents, clock));
    }
}
