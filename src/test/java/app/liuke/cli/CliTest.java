package app.liuke.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path folder;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private Path config;

    @BeforeEach
    void capture() throws Exception {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        config = Files.writeString(folder.resolve("liuke.yaml"), "store:\n  path: " + folder.resolve("shop.db") + "\nlocale: en\n");
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void check_printsEveryProblemWithFileAndLine_andFails() throws Exception {
        Path bad = Files.writeString(folder.resolve("bad.yaml"), "server:\n  port: x\nlocal: en\n");
        assertEquals(1, Cli.run("check", "--config", bad.toString()));
        assertTrue(output().contains(bad + ":2: server.port: must be a whole number"), output());
        assertTrue(output().contains(bad + ":3: local: unknown key"), output());
        assertTrue(output().contains("2 problem(s) found."), output());
    }

    @Test
    void check_onTheShippedConfig_isOk() {
        assertEquals(0, Cli.run("check", "--config", "config/liuke.yaml"));
        assertTrue(output().contains("config/liuke.yaml, bot-scripts: OK"), output());
    }

    @Test
    void importWithBadRows_printsThemAndExitsWith1_exportAndBackupWork() throws Exception {
        Path csv = Files.writeString(folder.resolve("c.csv"), "name,phone\nAnna,13800138000\nBen,123\n");
        assertEquals(1, Cli.run("import", "customers", csv.toString(), "--config", config.toString()));
        assertTrue(output().contains("line 3: phone: The phone number \"123\" is not a valid number"), output());
        assertTrue(output().contains("Read 2 rows: 1 new, 0 updated, 0 merged, 0 unchanged, 1 with errors."), output());

        Path exported = folder.resolve("out.csv");
        assertEquals(0, Cli.run("export", "customers", exported.toString(), "--config", config.toString()));
        assertTrue(Files.readString(exported).contains("Anna"));
        assertEquals(0, Cli.run("backup", folder.resolve("b.db").toString(), "--config", config.toString()));
        assertTrue(Files.size(folder.resolve("b.db")) > 0);
        assertEquals(2, Cli.run("backup", folder.resolve("b.db").toString(), "--config", config.toString()));
    }

    @Test
    void classify_reclassifiesEveryoneAndPrintsTheTierByStageTable() throws Exception {
        Path customers = Files.writeString(folder.resolve("c.csv"), "name,phone\nAnna,13800138000\nBen,13900139000\n");
        Path sales = Files.writeString(folder.resolve("s.csv"), "phone,date,amount\n13800138000,2024-01-05,6000\n");
        assertEquals(0, Cli.run("import", "customers", customers.toString(), "--config", config.toString()));
        assertEquals(0, Cli.run("import", "purchases", sales.toString(), "--config", config.toString()));
        out.reset();
        assertEquals(0, Cli.run("classify", "--config", config.toString()));
        assertTrue(output().contains("Classified 2 customers"), output());
        assertTrue(output().matches("(?s).*\\nA\\s+0\\s+0\\s+0\\s+0\\s+0\\s+0\\s*\\n.*"), output());
        assertTrue(output().matches("(?s).*\\nC\\s+1\\s+0\\s+0\\s+0\\s+0\\s+1\\s*\\n.*"),
                "Ben: C and potential; Anna: 60 points in 2024 but no visit since, so C and churned\n" + output());
    }

    @Test
    void theConfigOption_mayStandBeforeTheCommand() throws Exception {
        Path customers = Files.writeString(folder.resolve("c.csv"), "name,phone\nAnna,13800138000\n");
        assertEquals(0, Cli.run("--config", config.toString(), "import", "customers", customers.toString()));
        out.reset();
        assertEquals(0, Cli.run("--config", config.toString(), "classify"));
        assertTrue(output().contains("Classified 1 customers"), "the shop in the given config, not the default one\n" + output());
        Path other = Files.writeString(folder.resolve("other.yaml"), "store:\n  path: " + folder.resolve("other.db") + "\nlocale: en\n");
        out.reset();
        assertEquals(0, Cli.run("--config", config.toString(), "classify", "--config", other.toString()));
        assertTrue(output().contains("Classified 0 customers"), "the command's own --config counts\n" + output());
    }

    @Test
    void importOfAMissingFile_exitsWith2() {
        assertEquals(2, Cli.run("import", "purchases", folder.resolve("nope.csv").toString(), "--config", config.toString()));
    }

    @Test
    void badConfig_stopsACommandWithTheKeyNamed() throws Exception {
        Path bad = Files.writeString(folder.resolve("bad.yaml"), "store:\n  paht: x.db\n");
        assertEquals(2, Cli.run("export", "customers", "x.csv", "--config", bad.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("store.paht: unknown key"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailingCommand_explainsItselfWithoutAStackTrace() throws Exception {
        Path notADatabase = Files.writeString(folder.resolve("garbage.db"), "this is not a database file, just text");
        Path cfg = Files.writeString(folder.resolve("g.yaml"), "store:\n  path: " + notADatabase + "\n");
        assertEquals(1, Cli.run("classify", "--config", cfg.toString()));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("Liuke could not finish this command"), errors);
        assertTrue(!errors.contains("\tat "), errors);
    }

    @Test
    void campaign_previewsRunsOnceAndLists_andExplainsAWrongName() throws Exception {
        String yesterday = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
        Path customers = Files.writeString(folder.resolve("c.csv"), "name,phone\nAnna,13800138000\n");
        Path sales = Files.writeString(folder.resolve("s.csv"), "phone,date,amount\n13800138000," + yesterday + ",300\n");
        assertEquals(0, Cli.run("import", "customers", customers.toString(), "--config", config.toString()));
        assertEquals(0, Cli.run("import", "purchases", sales.toString(), "--config", config.toString()));
        out.reset();
        assertEquals(0, Cli.run("campaign", "preview", "thanks", "--config", config.toString()));
        assertTrue(output().matches("(?s)#1\\s+Anna\\s+skip\\s+no-chat.*"), "imported, not yet in any chat\n" + output());
        assertTrue(output().contains("thanks preview: 0 to send (0 after quiet hours), 1 skipped {no-chat=1}"), output());
        out.reset();
        assertEquals(0, Cli.run("campaign", "run", "thanks", "--config", config.toString()));
        assertTrue(output().contains("thanks run: 0 to send (0 after quiet hours), 1 skipped {no-chat=1}, 0 planned before"), output());
        out.reset();
        assertEquals(0, Cli.run("campaign", "run", "thanks", "--config", config.toString()));
        assertTrue(output().contains("0 skipped {}, 1 planned before"), "a second run decides nobody twice\n" + output());
        out.reset();
        assertEquals(0, Cli.run("campaign", "list", "--config", config.toString()));
        assertTrue(output().matches("(?s).*\\nthanks\\s+care\\s+0 10 \\* \\* \\*\\s+0\\s+0\\s+1\\s+0\\s+0\\s+\\d{4}-.*"), output());
        assertEquals(2, Cli.run("campaign", "run", "nope", "--config", config.toString()));
        assertEquals(2, Cli.run("campaign", "run", "--config", config.toString()));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("nope") && errors.contains("Say which campaign"), errors);
        assertTrue(!errors.contains("\tat "), errors);
    }

    @Test
    void report_printsTheSummaryAndABreakdown_andWritesCsv() throws Exception {
        Path customers = Files.writeString(folder.resolve("c.csv"), "name,phone\nAnna,13800138000\n");
        Path sales = Files.writeString(folder.resolve("s.csv"), "phone,date,amount,store\n13800138000,2026-03-02,200,南京路\n"
                + "13800138000,2026-03-20,120,淮海路\n");
        assertEquals(0, Cli.run("import", "customers", customers.toString(), "--config", config.toString()));
        assertEquals(0, Cli.run("import", "purchases", sales.toString(), "--config", config.toString()));
        out.reset();
        Path csv = folder.resolve("by-store.csv");
        assertEquals(0, Cli.run("report", "--from", "2026-03-01", "--to", "2026-03-31", "--by", "store", "--csv", csv.toString(),
                "--config", config.toString()));
        assertTrue(output().contains("2026-03-01 to 2026-03-31: sales 320.00 in 2 purchases by 1 customers; registration rate 100.0%,"
                + " repurchase rate 100.0%"), output());
        assertTrue(output().matches("(?s).*\\n南京路\\s+1\\s+200.00\\s+1\\s+1\\s+100.0%.*"), output());
        assertTrue(Files.readString(csv).contains("淮海路,1,120.00,1,1,1.0000,1,1.0000"), Files.readString(csv));
        assertEquals(2, Cli.run("report", "--by", "weekday", "--config", config.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("weekday"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommand_hasHelp() {
        for (String command : new String[]{"serve", "import", "export", "backup", "check", "campaign", "report"}) {
            assertEquals(0, Cli.run(command, "--help"), command);
        }
        assertTrue(output().contains("Usage: liuke import"), output());
    }

    @Test
    void theStartUpLine_namesTheShopsDatabase_withoutAPasswordInItsAddress() {
        var sqlite = new app.liuke.config.LiukeConfig.Store(Path.of("data/liuke.db"));
        assertEquals(Path.of("data/liuke.db").toString(), ServeCommand.where(sqlite));
        var postgres = new app.liuke.config.LiukeConfig.Store(Path.of("data/liuke.db"),
                "jdbc:postgresql://db:5432/liuke?password=secret&ssl=true", "liuke", "secret", 10);
        assertEquals("jdbc:postgresql://db:5432/liuke", ServeCommand.where(postgres));
    }
}
