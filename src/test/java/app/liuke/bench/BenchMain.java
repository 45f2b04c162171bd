package app.liuke.bench;

import java.util.List;

/** {@code mvn -B -Pbench -DskipTests verify -Dbench.only=archive,classify,ingest,wechat,mixed,campaign,report,postgres,simulate -Dbench.customers=N -Dbench.purchases=M}. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> only = List.of(args[0].split(","));
        String[] sizes = {args[1], args[2]};
        if (only.contains("archive")) {
            ArchiveBench.main(sizes);
        }
        if (only.contains("classify")) {
            ClassifyBench.main(sizes);
        }
        if (only.contains("report")) {
            ReportBench.main(sizes);
        }
        if (only.contains("campaign")) {
            CampaignBench.main(new String[0]);
        }
        if (only.contains("ingest")) {
            IngestBench.main(new String[0]);
        }
        if (only.contains("mixed")) {
            MixedLoadBench.main(new String[0]);
        }
        if (only.contains("postgres")) {
            PostgresBench.main(sizes);
        }
        if (only.contains("simulate")) {
            SimulateBench.main(new String[0]);
        }
        if (only.contains("wechat")) {
            WechatIngestBench.main(new String[0]);
        }
    }
}
