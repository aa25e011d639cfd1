package dev.llmplatform.testkit.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Grouped bar panels side by side, drawn with Java2D (run headless) into a PNG: each panel has a title, a y-axis label
 * with a 1-2-5 scale, one group of bars per x-axis label and one bar per series in each group, and one legend for the
 * series under the panels. The model comparison and the chat benchmark draw their charts with it.
 */
public final class BarChart {

    private static final int PANEL_WIDTH = 560;
    private static final int HEIGHT = 460;
    private static final int MARGIN_LEFT = 80;
    private static final int MARGIN_RIGHT = 20;
    private static final int MARGIN_TOP = 70;
    private static final int MARGIN_BOTTOM = 90;

    /** One series of bars: its legend label and colour. */
    public record Series(String label, Color color) {
    }

    /**
     * One panel.
     *
     * @param title  drawn above the panel
     * @param yLabel the value axis
     * @param xLabel the group axis
     * @param groups the group labels, left to right
     * @param values for each series (in the order of the chart's series), one value per group; NaN draws "n/a"
     */
    public record Panel(String title, String yLabel, String xLabel, List<String> groups, List<double[]> values) {
    }

    private BarChart() {
    }

    /** Writes the panels side by side as a PNG. */
    public static void write(List<Panel> panels, List<Series> series, Path png) throws IOException {
        BufferedImage image = new BufferedImage(Math.max(1, panels.size()) * PANEL_WIDTH, HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                panel(g, i * PANEL_WIDTH, panels.get(i), series);
            }
            legend(g, series, image.getWidth());
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static void panel(Graphics2D g, int x0, Panel panel, List<Series> series) {
        int left = x0 + MARGIN_LEFT;
        int right = x0 + PANEL_WIDTH - MARGIN_RIGHT;
        int top = MARGIN_TOP;
        int bottom = HEIGHT - MARGIN_BOTTOM;
        double max = 0;
        for (double[] values : panel.values()) {
            for (double v : values) {
                max = Math.max(max, finite(v));
            }
        }
        double step = niceStep(max <= 0 ? 1 : max / 5);
        double axisMax = step * Math.max(1, Math.ceil((max <= 0 ? 1 : max) / step));

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        centered(g, panel.title(), (left + right) / 2, top - 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i * step <= axisMax + step / 1e6; i++) {
            int y = bottom - (int) Math.round(i * step / axisMax * (bottom - top));
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, right, y);
            g.setColor(Color.BLACK);
            String label = number(i * step, step < 1 ? 2 : 0);
            g.drawString(label, left - 6 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(left, top, left, bottom);
        g.drawLine(left, bottom, right, bottom);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        centered(g, panel.yLabel(), -(top + bottom) / 2, x0 + 18);
        g.setTransform(saved);

        int n = Math.max(1, panel.groups().size());
        int group = (right - left) / n;
        int bars = Math.max(1, series.size());
        int bar = Math.max(4, Math.min(60, group * 2 / (3 * bars)));
        for (int i = 0; i < panel.groups().size(); i++) {
            int cx = left + group * i + group / 2;
            int x = cx - bar * bars / 2;
            for (int s = 0; s < series.size() && s < panel.values().size(); s++) {
                bar(g, x + s * bar, bar, panel.values().get(s)[i], axisMax, top, bottom, series.get(s).color());
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            centered(g, fit(g, panel.groups().get(i), group - 6), cx, bottom + 16);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        centered(g, panel.xLabel(), (left + right) / 2, bottom + 40);
    }

    private static void bar(Graphics2D g, int x, int width, double value, double axisMax, int top, int bottom,
            Color color) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            g.setColor(Color.GRAY);
            centered(g, "n/a", x + width / 2, bottom - 4);
            return;
        }
        int h = (int) Math.round(value / axisMax * (bottom - top));
        g.setColor(color);
        g.fillRect(x, bottom - h, width, h);
        g.setColor(Color.BLACK);
        centered(g, number(value, value < 10 ? 2 : 1), x + width / 2, bottom - h - 4);
    }

    private static void legend(Graphics2D g, List<Series> series, int width) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int y = HEIGHT - 28;
        int total = 0;
        for (Series s : series) {
            total += 40 + g.getFontMetrics().stringWidth(s.label());
        }
        int x = Math.max(10, (width - total) / 2);
        for (Series s : series) {
            g.setColor(s.color());
            g.fillRect(x, y - 10, 14, 12);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), x + 20, y);
            x += 40 + g.getFontMetrics().stringWidth(s.label());
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    public static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static double finite(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? 0 : v;
    }

    private static String fit(Graphics2D g, String text, int width) {
        FontMetrics fm = g.getFontMetrics();
        String s = text;
        while (s.length() > 4 && fm.stringWidth(s) > width) {
            s = s.substring(0, s.length() - 2);
        }
        return s.equals(text) ? s : s + "…";
    }

    private static void centered(Graphics2D g, String text, int cx, int baseline) {
        g.drawString(text, cx - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }
}
