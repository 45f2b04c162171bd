package app.liuke.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.cli.Cli;
import app.liuke.config.ConfigLoader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code liuke simulate} end to end with the shipped config (config/liuke.yaml): the real service on a
 * moving clock, then the report, the send log, the JSON and the plot.
 */
class SimulationTest {
    @TempDir
    Path folder;

    @Test
    void aSeasonOfTheShippedShop_breaksNoRule_explainsEverySkip_andWritesItsFiles() throws Exception {
        Path csv = folder.resolve("sends.csv");
        Path json = folder.resolve("year.json");
        Path png = folder.resolve("year.png");
        int exit = Cli.run("simulate", "--customers", "400", "--days", "60", "--seed", "7", "--log", csv.toString(),
                "--json", json.toString(), "--plot", png.toString());
        assertEquals(0, exit, "no violations");

        var report = JsonMapper.builder().build().readTree(json.toFile());
        assertEquals(0, report.get("violationsTotal").asLong());
        assertEquals(List.copyOf(Violations.RULES), iterable(report.get("violations").fieldNames()));
        assertEquals(0, report.get("unexplainedSkips").asLong(), "every skip has its reason");
        assertTrue(report.get("skips").get("cap").asLong() > 0, "C customers get no marketing: " + report.get("skips"));
        assertTrue(report.get("skips").get("no-chat").asLong() > 0, report.get("skips").toString());
        assertTrue(report.get("purchases").asLong() > 0 && report.get("surveyAnswers").asLong() > 0, report.toString());
        assertTrue(report.get("perCustomerPerMonth").get("A").get("care").asDouble() > 0, report.toString());
        assertEquals(0.0, report.get("perCustomerPerMonth").get("C").get("marketing").asDouble(), "C: only must-do contacts");

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("customer,tier,sent_at,campaign,purpose,opted_out_at", lines.get(0));
        assertEquals(report.get("messages").asLong(), lines.size() - 1, "one row per message");
        var campaigns = new java.util.TreeMap<String, String>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (!cells[3].isEmpty()) {
                campaigns.merge(cells[3], cells[4], (a, b) -> a.equals(b) ? a : "mixed");
            }
            var sentAt = OffsetDateTime.parse(cells[2]);
            assertEquals("+08:00", sentAt.getOffset().toString(), line);
            assertTrue(List.of("care", "marketing", "reply", "other").contains(cells[4]), line);
            if (!cells[4].equals("reply")) {
                assertTrue(sentAt.getHour() >= 9 && sentAt.getHour() < 21, "nothing unasked-for at night: " + line);
            }
        }
        // each message is traced to its campaign (the dispatcher names its outbox row), with the purpose the shop configured
        assertEquals("marketing", campaigns.get("broadcast"), campaigns.toString());
        assertEquals("care", campaigns.get("birthday"), campaigns.toString());
        assertEquals("care", campaigns.get("thanks"), campaigns.toString());
        byte[] header = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, header, "a PNG");
    }

    @Test
    void theSameSeed_givesTheSameYear() throws Exception {
        var config = ConfigLoader.load(Path.of("config/liuke.yaml"), Map.of());
        var first = Simulation.run(new Simulation.Options(150, 21, 42, config), Simulation.Progress.NONE);
        var second = Simulation.run(new Simulation.Options(150, 21, 42, config), Simulation.Progress.NONE);
        assertTrue(first.log().size() > 50, "messages: " + first.log().size());
        assertEquals(first.log(), second.log());
        assertEquals(first.report().skips(), second.report().skips());
    }

    @Test
    void anyViolation_makesTheExitCodeOne() {
        var clean = report(Map.of("quiet-hours", 0L), 0);
        var broken = report(Map.of("quiet-hours", 1L), 1);
        assertEquals(0, new Simulation.Outcome(List.of(), clean).exitCode());
        assertEquals(1, new Simulation.Outcome(List.of(), broken).exitCode());
        assertEquals(2, Cli.run("simulate", "--customers", "0"), "a wrong option is refused before anything runs");
    }

    private static YearReport report(Map<String, Long> violations, long total) {
        return new YearReport(1, 1, 1, "2026-01-01", "2026-01-02", 0, 0, Map.of(), Map.of(), Map.of(), 0, List.of(), null, 0, 0, 0,
                violations, total, List.of(), Map.of());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        var list = new java.util.ArrayList<String>();
        names.forEachRemaining(list::add);
        return list;
    }
}
