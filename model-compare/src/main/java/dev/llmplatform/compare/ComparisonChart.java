package dev.llmplatform.compare;

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
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws {@code comparison.png} with Java2D (run headless): two bar panels, tokens per second and time to first
 * token, with one pair of bars per model (client-side and server-side median), axis labels and a legend.
 */
public final class ComparisonChart {

    private static final int PANEL_WIDTH = 560;
    private static final int HEIGHT = 460;
    private static final int MARGIN_LEFT = 80;
    private static final int MARGIN_RIGHT = 20;
    private static final int MARGIN_TOP = 70;
    private static final int MARGIN_BOTTOM = 90;
    private static final Color CLIENT = new Color(0x1f77b4);
    private static final Color SERVER = new Color(0xff7f0e);

    private ComparisonChart() {
    }

    /** Writes the chart as PNG. */
    public static void write(List<ModelResult> results, Path png) throws IOException {
        BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            panel(g, 0, "Tokens per second (median, higher is better)", "tokens/s", results,
                    ModelResult::tokensPerSecondP50Client, ModelResult::tokensPerSecondP50Server);
            panel(g, PANEL_WIDTH, "Time to first token (median, lower is better)", "milliseconds", results,
                    ModelResult::ttftP50Client, ModelResult::ttftP50Server);
            legend(g);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static void panel(Graphics2D g, int x0, String title, String yLabel, List<ModelResult> results,
            ToDoubleFunction<ModelResult> client, ToDoubleFunction<ModelResult> server) {
        int left = x0 + MARGIN_LEFT;
        int right = x0 + PANEL_WIDTH - MARGIN_RIGHT;
        int top = MARGIN_TOP;
        int bottom = HEIGHT - MARGIN_BOTTOM;
        double max = 0;
        for (ModelResult r : results) {
            max = Math.max(max, finite(client.applyAsDouble(r)));
            max = Math.max(max, finite(server.applyAsDouble(r)));
        }
        double step = niceStep(max <= 0 ? 1 : max / 5);
        double axisMax = step * Math.max(1, Math.ceil((max <= 0 ? 1 : max) / step));

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        centered(g, title, (left + right) / 2, top - 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i * step <= axisMax + step / 1e6; i++) {
            int y = bottom - (int) Math.round(i * step / axisMax * (bottom - top));
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, right, y);
            g.setColor(Color.BLACK);
            String label = Units.number(i * step, step < 1 ? 2 : 0, "");
            g.drawString(label, left - 6 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(left, top, left, bottom);
        g.drawLine(left, bottom, right, bottom);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        centered(g, yLabel, -(top + bottom) / 2, x0 + 18);
        g.setTransform(saved);

        int n = Math.max(1, results.size());
        int group = (right - left) / n;
        int bar = Math.max(4, Math.min(60, group / 3));
        for (int i = 0; i < results.size(); i++) {
            ModelResult r = results.get(i);
            int cx = left + group * i + group / 2;
            bar(g, cx - bar, bar, client.applyAsDouble(r), axisMax, top, bottom, CLIENT);
            bar(g, cx, bar, server.applyAsDouble(r), axisMax, top, bottom, SERVER);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            centered(g, fit(g, r.facts().path().getFileName().toString(), group - 6), cx, bottom + 16);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        centered(g, "model (GGUF file)", (left + right) / 2, bottom + 40);
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
        centered(g, Units.number(value, value < 10 ? 2 : 1, ""), x + width / 2, bottom - h - 4);
    }

    private static void legend(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int y = HEIGHT - 28;
        int x = PANEL_WIDTH - 230;
        g.setColor(CLIENT);
        g.fillRect(x, y - 10, 14, 12);
        g.setColor(Color.BLACK);
        g.drawString("client (gRPC stream, this tool)", x + 20, y);
        x += 240;
        g.setColor(SERVER);
        g.fillRect(x, y - 10, 14, 12);
        g.setColor(Color.BLACK);
        g.drawString("server (Final.timings)", x + 20, y);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
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
