package dev.llmplatform.testkit.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {

    @Test
    void drawsOnePanelPerFigureWithABarPerSeriesAndGroup(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path png = dir.resolve("chart.png");
        BarChart.write(List.of(
                new BarChart.Panel("TTFT", "ms", "turn", List.of("1", "2"), List.of(new double[] {10, 2},
                        new double[] {9, Double.NaN})),
                new BarChart.Panel("tokens/s", "tokens/s", "path", List.of("a"), List.of(new double[] {3000},
                        new double[] {2900}))),
                List.of(new BarChart.Series("platform", Color.BLUE), new BarChart.Series("peer", Color.ORANGE)), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * 560, image.getWidth());
        assertEquals(460, image.getHeight());
        int blue = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                blue += image.getRGB(x, y) == Color.BLUE.getRGB() ? 1 : 0;
            }
        }
        assertNotEquals(0, blue, "the platform's bars are drawn");
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1.0, BarChart.niceStep(0.8));
        assertEquals(2.0, BarChart.niceStep(1.5));
        assertEquals(500.0, BarChart.niceStep(241.5));
        assertEquals(10.0, BarChart.niceStep(6));
    }
}
