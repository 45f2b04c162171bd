package app.liuke.campaign;

import app.liuke.channel.Outbound;
import app.liuke.config.LiukeConfig;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The template messages (WeChat's 模板消息) configured per campaign, filled in for one customer:
 * {@code {text}} becomes the campaign's message, {@code {name}} the customer's name and {@code {date}}
 * the shop's date. Immutable and thread-safe.
 */
public final class CampaignTemplates {
    private final Map<String, LiukeConfig.WechatTemplate> templates;

    public CampaignTemplates(Map<String, LiukeConfig.WechatTemplate> templates) {
        this.templates = Map.copyOf(templates);
    }

    public static CampaignTemplates none() {
        return new CampaignTemplates(Map.of());
    }

    public boolean has(String campaign) {
        return templates.containsKey(campaign);
    }

    public Optional<Outbound.Template> fill(String campaign, String text, String name, LocalDate date) {
        var template = templates.get(campaign);
        if (template == null) {
            return Optional.empty();
        }
        var fields = new LinkedHashMap<String, String>();
        template.fields().forEach((field, value) -> fields.put(field, value.replace("{text}", text)
                .replace("{name}", name == null ? "" : name).replace("{date}", date.toString())));
        return Optional.of(new Outbound.Template(template.id(), template.url(), fields));
    }
}
