package app.liuke.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path folder;

    private Path file(String yaml) throws Exception {
        return Files.writeString(folder.resolve("liuke.yaml"), yaml);
    }

    private List<ConfigError> errorsOf(String yaml, Map<String, String> env) throws Exception {
        return ConfigLoader.read(file(yaml), env).errors();
    }

    @Test
    void shippedConfig_loadsWithTheDocumentedDefaults() {
        var config = ConfigLoader.load(Path.of("config/liuke.yaml"), Map.of());
        assertEquals(7070, config.server().port());
        assertFalse(config.server().apiEnabled());
        assertEquals(Path.of("data/liuke.db"), config.store().path());
        assertEquals(ZoneId.of("Asia/Shanghai"), config.timezone());
        assertEquals("zh-CN", config.locale().toLanguageTag());
        assertEquals("webhook", config.telegram().mode());
        assertEquals("https://api.telegram.org", config.telegram().apiUrl());
        assertEquals("CN", config.archive().phoneRegion());
        assertEquals(List.of("a-20-off", "b-15-off", "birthday-a", "birthday-b", "birthday-c", "welcome-back", "presale-loyal"),
                config.offers().stream().map(app.liuke.offer.Offer::id).toList());
        assertEquals(30, config.surveys().cooldownDays());
    }

    @Test
    void badOffers_areReportedWithTheirKeyAndLine() throws Exception {
        var errors = errorsOf("""
                offers:
                  - id: Big Sale
                    title: 大促
                    text: 全场 5 折
                  - id: ok-offer
                    title: 好
                    text: 好
                    tiers: [A, Z]
                    validFrom: 2026-12-01
                    validUntil: someday
                    colour: red
                  - id: ok-offer
                    title: 二
                    text: 二
                    personal: false
                surveys:
                  remindAfterHours: 80
                """, Map.of());
        String all = errors.stream().map(ConfigError::toString).reduce("", (a, b) -> a + b + "\n");
        assertTrue(all.contains(":2") && all.contains("offers[0].id"), all);
        assertTrue(all.contains(":8") && all.contains("offers[1].tiers"), all);
        assertTrue(all.contains(":10") && all.contains("someday"), all);
        assertTrue(all.contains(":11") && all.contains("offers[1].colour") && all.contains("unknown key"), all);
        assertTrue(all.contains("offers[2].code"), "a shared offer needs its code: " + all);
        assertTrue(all.contains("surveys.expireAfterHours"), all);
    }

    @Test
    void holidayPublishedDates_areRead_andABadOneIsReportedWithItsKey() throws Exception {
        var config = ConfigLoader.load(file("""
                campaigns:
                  holidays:
                    list:
                      - {name: spring-festival, label: 春节, date: lunar-01-01, dates: ["2031-01-24"]}
                """), Map.of());
        assertEquals(List.of(java.time.LocalDate.of(2031, 1, 24)), config.campaign("holidays").holidays().get(0).dates());
        var errors = errorsOf("""
                campaigns:
                  holidays:
                    list:
                      - {name: spring-festival, date: lunar-01-01, dates: ["2031-02-30"]}
                """, Map.of());
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("campaigns.holidays.list[0].dates", errors.get(0).key());
        assertTrue(errors.get(0).message().contains("2031-02-30"), errors.toString());
    }

    @Test
    void environmentVariables_areSubstitutedWithAndWithoutDefaults() throws Exception {
        var config = ConfigLoader.load(file("""
                server:
                  port: ${PORT:-8080}
                  adminToken: ${TOKEN}
                store:
                  path: ${DB:-x.db}
                """), Map.of("TOKEN", "s3cret", "DB", "/tmp/shop.db"));
        assertEquals(8080, config.server().port());
        assertEquals("s3cret", config.server().adminToken());
        assertEquals(Path.of("/tmp/shop.db"), config.store().path());
    }

    @Test
    void missingEnvironmentVariable_withoutDefault_namesTheVariableAndLine() throws Exception {
        var errors = errorsOf("server:\n  adminToken: ${NOT_SET_ANYWHERE}\n", Map.of());
        assertEquals(1, errors.size());
        assertEquals(2, errors.get(0).line());
        assertTrue(errors.get(0).message().contains("NOT_SET_ANYWHERE"), errors.toString());
    }

    @Test
    void unknownKey_wrongType_andBadEnum_areAllReportedAtOnceWithLines() throws Exception {
        var errors = errorsOf("""
                server:
                  prot: 7070
                  port: seventy
                locale: fr
                timezone: Mars/Olympus
                """, Map.of());
        assertEquals(4, errors.size(), errors.toString());
        assertEquals("server.prot", errors.get(0).key());
        assertEquals(2, errors.get(0).line());
        assertTrue(errors.get(0).message().contains("unknown key"));
        assertEquals("server.port", errors.get(1).key());
        assertEquals(3, errors.get(1).line());
        assertEquals("locale", errors.get(2).key());
        assertEquals("timezone", errors.get(3).key());
        assertTrue(errors.get(3).toString().startsWith(folder.resolve("liuke.yaml") + ":5: timezone:"), errors.get(3).toString());
    }

    @Test
    void telegramEnabledWithoutToken_stopsStartUpNamingTheKey() throws Exception {
        var path = file("telegram:\n  enabled: true\n");
        var failure = assertThrows(ConfigException.class, () -> ConfigLoader.load(path, Map.of()));
        assertTrue(failure.getMessage().contains("telegram.token"), failure.getMessage());
        assertTrue(failure.getMessage().contains("telegram.webhookSecret"), failure.getMessage());
    }

    @Test
    void invalidYaml_reportsTheLine() throws Exception {
        var path = file("server:\n  port: 7070\n   adminToken: [unclosed\n");
        var failure = assertThrows(ConfigException.class, () -> ConfigLoader.read(path, Map.of()));
        assertTrue(failure.errors().get(0).line() >= 2, failure.getMessage());
    }

    @Test
    void duplicateKey_isAnError() throws Exception {
        var failure = assertThrows(ConfigException.class, () -> ConfigLoader.read(file("locale: en\nlocale: zh-CN\n"), Map.of()));
        assertEquals(2, failure.errors().get(0).line());
    }

    @Test
    void secrets_neverAppearInToString() throws Exception {
        var config = ConfigLoader.load(file("""
                server:
                  adminToken: very-secret-admin
                telegram:
                  token: 123:very-secret-bot
                  webhookSecret: very-secret-hook
                """), Map.of());
        assertFalse(config.toString().contains("very-secret"), config.toString());
    }

    @Test
    void aListTheShopLeavesOut_keepsItsShippedDefault_andOneItNamesReplacesIt() throws Exception {
        var keeps = ConfigLoader.load(file("locale: en\ncampaigns:\n  holidays:\n    enabled: true\n"), Map.of());
        assertEquals(7, keeps.offers().size(), "offers left out: the shipped seven");
        assertFalse(keeps.campaign("holidays").holidays().isEmpty(), "holidays named without a list keep the shipped list");
        assertFalse(keeps.campaign("used-up").usage().isEmpty());
        var replaced = ConfigLoader.load(file("""
                offers:
                  - {id: only-one, title: 唯一, text: 到店有礼}
                campaigns:
                  birthday:
                    gifts: {A: only-one, B: only-one, C: only-one}
                  holidays:
                    list: []
                  reactivation:
                    offer: only-one
                """), Map.of());
        assertEquals(List.of("only-one"), replaced.offers().stream().map(app.liuke.offer.Offer::id).toList());
        assertTrue(replaced.campaign("holidays").holidays().isEmpty());
    }

    @Test
    void aCampaignThatHandsOutAnOfferThatDoesNotExist_isNamedWithItsKey() throws Exception {
        var errors = errorsOf("campaigns:\n  birthday:\n    gifts: {A: birthday-a, B: birthday-bb, C: birthday-c}\n"
                + "  reactivation:\n    offer: come-back\n", Map.of());
        assertTrue(errors.stream().anyMatch(e -> e.key().equals("campaigns.birthday.gifts.B") && e.message().contains("birthday-bb")),
                errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.key().equals("campaigns.reactivation.offer") && e.message().contains("come-back")),
                errors.toString());
    }
}
