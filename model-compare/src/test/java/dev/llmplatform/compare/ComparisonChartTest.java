package dev.llmplatform.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonChartTest {

    @TempDir
    Path dir;

    @Test
    void writesAReadablePngWithBarsInTheSeriesColours() throws Exception {
        Path png = dir.resolve("comparison.png");
        ComparisonChart.write(List.of(ComparisonReportTest.measured("a", 1200, 8),
                ComparisonReportTest.measured("b", 85, 48)), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1120, image.getWidth());
        assertEquals(460, image.getHeight());
        // the first model's client bar in the tokens/s panel: just above the x axis, left of its group centre
        int bottom = 460 - 90;
        int groupCentre = 80 + (560 - 80 - 20) / 4;
        assertEquals(0x1f77b4, image.getRGB(groupCentre - 20, bottom - 5) & 0xffffff);
        assertEquals(0xff7f0e, image.getRGB(groupCentre + 20, bottom - 5) & 0xffffff);
    }

    @Test
    void drawsNoBarsForAModelWithoutMeasurements() throws Exception {
        Path png = dir.resolve("empty.png");
        ComparisonChart.write(List.of(ModelResult.failed(ComparisonReportTest.facts("x"), "failed")), png);
        BufferedImage image = ImageIO.read(png.toFile());
        int bottom = 460 - 90;
        assertNotEquals(0x1f77b4, image.getRGB(80 + 460 / 2 - 20, bottom - 30) & 0xffffff);
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1.0, ComparisonChart.niceStep(0.8));
        assertEquals(2.0, ComparisonChart.niceStep(1.5));
        assertEquals(500.0, ComparisonChart.niceStep(241.5));
        assertEquals(10.0, ComparisonChart.niceStep(6));
    }
}
