package app.liuke.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.customer.csv.ImportProgress;
import app.liuke.customer.csv.ImportReport;
import app.liuke.support.TestShop;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImportTest {
    static final String CUSTOMERS_ZH = """
            姓名,手机号,生日,性别,标签,导购,员工组,门店,备注
            王芳,138 0013 8000,1990/3/5,女,VIP、喜欢珍珠,李娜,一组,南京西路店,只戴足金
            李娜娜,13912345678,08-15,女,,李娜,一组,南京西路店,
            张伟,12345,1985-01-01,男,,,,,
            陈静,15000001111,1988年2月30日,女,,,,,
            ,15000002222,,,,,,,
            赵敏,15000003333,,女,团购|婚庆,孙丽,徐家汇组,徐家汇店,"说话直接,喜欢""大""款"
            """;
    @TempDir
    Path folder;
    TestShop shop;

    @BeforeEach
    void start() {
        shop = TestShop.create(folder);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private Path file(String name, String text, Charset charset, boolean bom) throws Exception {
        byte[] body = text.getBytes(charset);
        byte[] bytes = bom ? concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body) : body;
        return Files.write(folder.resolve(name), bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private ImportReport importCustomers(Path file) throws Exception {
        return shop.liuke.customerImport().run(file, null, ImportProgress.NONE);
    }

    @Test
    void chineseHeadersInUtf8WithBom_importGoodRows_andReportBadRowsByLine() throws Exception {
        var report = importCustomers(file("customers.csv", CUSTOMERS_ZH, StandardCharsets.UTF_8, true));

        assertEquals(6, report.rows());
        assertEquals(3, report.count("created"), report.toString());
        assertEquals(3, report.errors().size(), report.toString());
        assertEquals(4, report.errors().get(0).line());
        assertTrue(report.errors().get(0).reason().contains("12345"), report.errors().get(0).reason());
        assertEquals(5, report.errors().get(1).line());
        assertTrue(report.errors().get(1).reason().startsWith("birthday"), report.errors().get(1).reason());
        assertEquals(6, report.errors().get(2).line());
        assertEquals(3, shop.count("customer"));

        var wang = shop.liuke.customers().search(new CustomerQuery("王芳", null, null, 1, 10)).items().get(0);
        assertEquals("+8613800138000", wang.phone());
        assertEquals("1990-03-05", wang.birthday().iso());
        assertEquals(java.util.Set.of("VIP", "喜欢珍珠"), wang.tags());
        assertEquals("李娜", wang.ownerStaffName());
        assertEquals("一组", wang.staffGroupName());
        var zhao = shop.liuke.customers().search(new CustomerQuery("赵敏", null, null, 1, 10)).items().get(0);
        assertEquals("说话直接,喜欢\"大\"款", zhao.notes());
        assertTrue(report.notes().stream().anyMatch(note -> note.contains("孙丽")), report.notes().toString());
    }

    @Test
    void gbkFile_isDetectedAndReadCorrectly() throws Exception {
        var report = importCustomers(file("gbk.csv", CUSTOMERS_ZH, Charset.forName("GBK"), false));
        assertEquals(3, report.count("created"), report.toString());
        assertTrue(report.notes().get(0).contains("GB18030"), report.notes().toString());
        assertEquals(1, shop.liuke.customers().search(new CustomerQuery("王芳", null, null, 1, 10)).total());
    }

    @Test
    void importingTheSameFileTwice_changesNothing() throws Exception {
        var file = file("customers.csv", CUSTOMERS_ZH, StandardCharsets.UTF_8, false);
        importCustomers(file);
        var before = shop.liuke.customers().get(1);
        shop.clock.advance(java.time.Duration.ofHours(1));

        var again = importCustomers(file);

        assertEquals(3, again.count("unchanged"), again.toString());
        assertEquals(0, again.count("created") + again.count("updated"));
        assertEquals(3, shop.count("customer"));
        assertEquals(before, shop.liuke.customers().get(1));
    }

    @Test
    void aFailedRow_leavesNothingBehind_evenStaffItWouldHaveCreated() throws Exception {
        var report = importCustomers(file("c.csv", "name,phone,staff,birthday\n甲,13800138000,新员工,1990-13-01\n",
                StandardCharsets.UTF_8, false));
        assertEquals(1, report.errors().size());
        assertEquals(0, shop.count("staff"));
        assertEquals(0, shop.count("customer"));
        assertTrue(report.notes().stream().noneMatch(note -> note.contains("新员工")));
    }

    @Test
    void fileWithoutANameColumn_isRefusedNamingTheAcceptedHeaders() throws Exception {
        var file = file("c.csv", "phone\n13800138000\n", StandardCharsets.UTF_8, false);
        var failure = org.junit.jupiter.api.Assertions.assertThrows(app.liuke.shared.InvalidInput.class,
                () -> importCustomers(file));
        assertTrue(shop.liuke.texts().explain(failure).contains("姓名"), shop.liuke.texts().explain(failure));
    }

    @Test
    void aRowWithBrokenQuotes_isReportedByLineInTheShopsLanguage_andTheImportGoesOn() throws Exception {
        var report = importCustomers(file("c.csv", "name,phone\n甲,13800138000\n\"乙,13900139000\n丙,13700137000\n"
                + "\"丁\"x,13600136000\n戊,13500135000\n", StandardCharsets.UTF_8, false));
        assertEquals(3, shop.count("customer"), report.toString());
        assertEquals(2, report.errors().size(), report.toString());
        assertEquals(3, report.errors().get(0).line());
        assertTrue(report.errors().get(0).reason().contains("引号") && report.errors().get(0).reason().contains("已跳过"),
                report.errors().get(0).reason());
        assertEquals(5, report.errors().get(1).line());
        assertTrue(report.errors().get(1).reason().contains("右引号"), report.errors().get(1).reason());
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer WHERE name = '戊' AND phone = '+8613500135000'"));
    }

    @Test
    void purchases_areRecordedOnce_andFeedTheAggregates() throws Exception {
        importCustomers(file("customers.csv", CUSTOMERS_ZH, StandardCharsets.UTF_8, false));
        var sales = file("sales.csv", """
                手机号,消费日期,金额,商品,门店,导购,小票号
                13800138000,2025-12-24 15:30,"2,680.00",金手链,南京西路店,李娜,A-1
                13800138000,2026/1/5,¥399,珍珠耳钉;清洁护理,南京西路店,李娜,
                ,2026-01-06,88,清洁护理,南京西路店,,
                13999999999,2026-01-06,88,,,,
                13800138000,2026-01-07,abc,,,,
                13800138000,2027-01-07,10,,,,
                """, StandardCharsets.UTF_8, false);

        var first = shop.liuke.purchaseImport().run(sales, null, ImportProgress.NONE);
        var second = shop.liuke.purchaseImport().run(sales, null, ImportProgress.NONE);

        assertEquals(3, first.count("recorded"), first.toString());
        assertEquals(java.util.List.of(5L, 6L, 7L), first.errors().stream().map(ImportReport.RowError::line).toList());
        assertEquals(0, second.count("recorded"), second.toString());
        assertEquals(3, second.count("already on file"));
        assertEquals(3, shop.count("purchase"));
        var wang = shop.liuke.customers().search(new CustomerQuery("王芳", null, null, 1, 10)).items().get(0);
        assertEquals(2, wang.purchases().count());
        assertEquals(307_900, wang.purchases().totalCents());
        assertEquals("B", wang.tier(), "the import reclassifies the customers it touched, in the same transaction");
        assertEquals("repeat", wang.stage());
        assertEquals(26 + 3, wang.points());
    }

    @Test
    void export_thenReimport_changesNothing_andGuardsAgainstSpreadsheetFormulas() throws Exception {
        importCustomers(file("customers.csv", CUSTOMERS_ZH, StandardCharsets.UTF_8, false));
        shop.liuke.customers().upsert(CustomerDraft.empty().withName("=HYPERLINK(\"x\")").withPhone("13700137000"));
        Path out = folder.resolve("export.csv");

        long count = shop.liuke.customerExport().run(out);

        assertEquals(4, count);
        byte[] bytes = Files.readAllBytes(out);
        assertEquals((byte) 0xEF, bytes[0], "starts with a BOM so Excel reads UTF-8");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("'=HYPERLINK"), text);
        assertTrue(text.contains("1990-03-05") && text.contains("--08-15"), text);
        var again = importCustomers(out);
        assertEquals(4, again.count("unchanged"), again.toString());
        assertTrue(again.errors().isEmpty(), again.errors().toString());
    }
}
