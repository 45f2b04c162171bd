package app.liuke.simulate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** {@code --plot FILE.png}: messages per week by tier over the simulated year, drawn with JFreeChart. */
public final class YearPlot {
    private static final Map<String, Color> COLOURS = Map.of("A", new Color(0xC0392B), "B", new Color(0x2E86C1), "C", new Color(0x7F8C8D));

    private YearPlot() {
    }

    public static void write(YearReport report, Path file) throws IOException {
        var data = new XYSeriesCollection();
        for (var tier : report.weeklyByTier().entrySet()) {
            var series = new XYSeries("Tier " + tier.getKey());
            List<Long> weeks = tier.getValue();
            for (int week = 0; week < weeks.size(); week++) {
                series.add(week + 1, weeks.get(week));
            }
            data.addSeries(series);
        }
        var chart = ChartFactory.createXYLineChart(
                String.format("%s: %,d customers, %d days from %s (%,d messages, %d violations)", report.title(), report.customers(),
                        report.days(), report.from(), report.messages(), report.violationsTotal()),
                "week", "messages per week", data, PlotOrientation.VERTICAL, true, false, false);
        var plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        var renderer = plot.getRenderer();
        int index = 0;
        for (var tier : report.weeklyByTier().keySet()) {
            renderer.setSeriesPaint(index, COLOURS.getOrDefault(tier, Color.BLACK));
            renderer.setSeriesStroke(index++, new BasicStroke(2f));
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 500);
    }
}
