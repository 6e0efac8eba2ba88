package dev.portway.bench;

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
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * results.png, drawn with Java2D so the harness needs no plotting library.
 *
 * <p>Left: every figure relative to direct, as "how good compared with no proxy": throughput and
 * rate as path ÷ direct, latencies as direct ÷ path, so direct is always 1.0 and higher is always
 * better; each bar is labelled with its measured value. Right: memory per open connection and
 * idle RSS against their targets. Bottom: the targets, PASS or FAIL.
 */
final class Chart {

    private static final int W = 1500;
    private static final int H = 960;
    private static final Color DIRECT = new Color(0x8c, 0x8c, 0x8c);
    private static final Color HAPROXY = new Color(0x4e, 0x79, 0xa7);
    private static final Color PORTWAY = new Color(0xf2, 0x8e, 0x2b);
    private static final Color PASS = new Color(0x2e, 0x7d, 0x32);
    private static final Color FAIL = new Color(0xc6, 0x28, 0x28);
    private static final Color GRID = new Color(0xe0, 0xe0, 0xe0);
    private static final Map<String, Color> COLORS = Map.of("direct", DIRECT, "haproxy", HAPROXY, "portway", PORTWAY);

    private Chart() {
    }

    static void write(Results r, Path png) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);

        g.setColor(Color.BLACK);
        g.setFont(font(Font.BOLD, 22));
        g.drawString("Portway vs HAProxy vs direct, one run on loopback", 30, 38);
        g.setFont(font(Font.PLAIN, 14));
        g.drawString(String.format(Locale.ROOT, "%s run, median of %s repetitions; %s cores, %s; started %s",
                r.mode, r.settings.get("repetitions"), r.machine.get("cores (nproc)"), r.machine.get("cpu"),
                r.startedAt), 30, 62);
        legend(g, 1000, 30);

        relativePanel(g, r, 70, 110, 880, 520);
        perConnectionPanel(g, r, 1060, 110, 400, 210);
        idlePanel(g, r, 1060, 420, 400, 210);
        targetsPanel(g, r, 30, 700);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setFont(font(Font.PLAIN, 15));
        for (String p : Options.PATHS) {
            g.setColor(COLORS.get(p));
            g.fillRect(x, y - 12, 16, 16);
            g.setColor(Color.BLACK);
            g.drawString(p, x + 22, y + 2);
            x += 30 + g.getFontMetrics().stringWidth(p) + 20;
        }
    }

    private static void relativePanel(Graphics2D g, Results r, int x, int y, int w, int h) {
        List<Figure> figs = r.figures.stream().filter(f -> f.charted && f.has("direct")).toList();
        double top = 1.1;
        for (Figure f : figs) {
            for (String p : Options.PATHS) {
                top = Math.max(top, relative(f, p) * 1.08);
            }
        }
        top = Math.ceil(top * 5) / 5;
        g.setColor(Color.BLACK);
        g.setFont(font(Font.BOLD, 16));
        g.drawString("Relative to direct (direct = 1; higher is better; latencies as direct ÷ path)", x, y - 14);
        axis(g, x, y, w, h, top, 0.2);

        int groups = figs.size();
        double gw = (double) w / Math.max(1, groups);
        int bw = (int) Math.min(34, gw / 4);
        for (int i = 0; i < groups; i++) {
            Figure f = figs.get(i);
            int gx = (int) (x + i * gw + (gw - 3 * bw) / 2);
            for (int k = 0; k < Options.PATHS.size(); k++) {
                String p = Options.PATHS.get(k);
                double rel = relative(f, p);
                if (Double.isNaN(rel)) {
                    continue;
                }
                int bh = (int) Math.round(rel / top * h);
                int bx = gx + k * bw;
                g.setColor(COLORS.get(p));
                g.fillRect(bx, y + h - bh, bw - 3, bh);
                verticalLabel(g, value(f.median(p), f.unit), bx + bw / 2 - 2, y + h - bh - 4);
            }
            g.setColor(Color.BLACK);
            g.setFont(font(Font.PLAIN, 12));
            // "idle RTT, p50" as two lines, the unit a third: a group is ~70 px wide
            String[] title = shortTitle(f, r).split(", ", 2);
            int cx = (int) (x + i * gw + gw / 2);
            centered(g, title[0], cx, y + h + 18);
            centered(g, title.length > 1 ? title[1] : "", cx, y + h + 34);
            centered(g, f.unit + (f.higherIsBetter ? " ↑" : " ↓"), cx, y + h + 50);
        }
    }

    /** Path relative to direct, oriented so that more is better. */
    static double relative(Figure f, String path) {
        double d = f.median("direct");
        double v = f.median(path);
        return f.higherIsBetter ? v / d : d / v;
    }

    private static void perConnectionPanel(Graphics2D g, Results r, int x, int y, int w, int h) {
        double haproxy = Targets.num(Targets.path(r, "haproxy"), "per_connection_kib");
        double portway = Targets.num(Targets.path(r, "portway"), "per_connection_kib");
        int n = (int) Targets.num(r.memory, "connections");
        g.setColor(Color.BLACK);
        g.setFont(font(Font.BOLD, 16));
        g.drawString(String.format(Locale.ROOT, "RSS growth per open connection (%,d idle)", n), x, y - 14);
        double top = niceTop(Math.max(80, Math.max(nz(haproxy), nz(portway)) * 1.15));
        axis(g, x + 40, y, w - 40, h, top, top / 4);
        bars(g, x + 40, y, w - 40, h, top, new String[] {"haproxy", "portway"}, new double[] {haproxy, portway}, "KiB");
        target(g, x + 40, y, w - 40, h, top, 64, "target ≤ 64 KiB");
    }

    @SuppressWarnings("unchecked")
    private static void idlePanel(Graphics2D g, Results r, int x, int y, int w, int h) {
        g.setColor(Color.BLACK);
        g.setFont(font(Font.BOLD, 16));
        g.drawString("Idle RSS of the suite after load (MiB)", x, y - 14);
        Object idle = r.memory.get("idle_after_load_kib");
        double total = Targets.num(r.memory, "idle_suite_after_load_mib");
        double top = niceTop(Math.max(700, nz(total) * 1.15));
        axis(g, x + 40, y, w - 40, h, top, top / 4);
        if (!(idle instanceof Map<?, ?> m)) {
            return;
        }
        int bx = x + 40 + (w - 40) / 2 - 50;
        double acc = 0;
        Color[] shades = {new Color(0xfd, 0xd0, 0xa2), new Color(0xfd, 0xae, 0x6b), PORTWAY, new Color(0xd9, 0x48, 0x01)};
        int i = 0;
        g.setFont(font(Font.PLAIN, 12));
        for (String name : Benchmark.SUITE) {
            Object v = ((Map<String, Object>) m).get(name);
            if (!(v instanceof Number num)) {
                continue;
            }
            double mib = num.doubleValue() / 1024;
            int y0 = y + h - (int) Math.round((acc + mib) / top * h);
            int y1 = y + h - (int) Math.round(acc / top * h);
            g.setColor(shades[i++ % shades.length]);
            g.fillRect(bx, y0, 100, y1 - y0);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%s %.0f", name, mib), bx + 108, (y0 + y1) / 2 + 5);
            acc += mib;
        }
        g.setFont(font(Font.BOLD, 13));
        String label = String.format(Locale.ROOT, "%.0f MiB", total);
        // Beside the bar's middle: its top may sit on the target line.
        g.drawString(label, bx - 10 - g.getFontMetrics().stringWidth(label), y + h - (int) Math.round(acc / 2 / top * h) + 5);
        target(g, x + 40, y, w - 40, h, top, 600, "target ≤ 600 MiB");
    }

    private static void targetsPanel(Graphics2D g, Results r, int x, int y) {
        List<Targets.Target> targets = Targets.evaluate(r);
        g.setColor(Color.BLACK);
        g.setFont(font(Font.BOLD, 16));
        long passed = targets.stream().filter(Targets.Target::pass).count();
        g.drawString(String.format(Locale.ROOT, "Targets: %d of %d pass", passed, targets.size()), x, y);
        int line = 0;
        for (Targets.Target t : targets) {
            int col = line % 2;
            int row = line / 2;
            int tx = x + col * 730;
            int ty = y + 28 + row * 44;
            g.setColor(t.pass() ? PASS : FAIL);
            g.setFont(font(Font.BOLD, 14));
            g.drawString(t.pass() ? "PASS" : "FAIL", tx, ty);
            g.setColor(Color.BLACK);
            g.setFont(font(Font.PLAIN, 13));
            g.drawString(t.name() + "  (" + t.limit() + ")", tx + 48, ty);
            g.setColor(new Color(0x55, 0x55, 0x55));
            g.drawString(t.measured(), tx + 48, ty + 17);
            line++;
        }
    }

    // ---- drawing helpers ------------------------------------------------------------------

    private static void axis(Graphics2D g, int x, int y, int w, int h, double top, double step) {
        g.setFont(font(Font.PLAIN, 12));
        for (double v = 0; v <= top + 1e-9; v += step) {
            int gy = y + h - (int) Math.round(v / top * h);
            g.setColor(GRID);
            g.drawLine(x, gy, x + w, gy);
            g.setColor(Color.DARK_GRAY);
            String label = step < 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
            g.drawString(label, x - 8 - g.getFontMetrics().stringWidth(label), gy + 4);
        }
        g.setColor(Color.BLACK);
        g.drawLine(x, y + h, x + w, y + h);
        g.drawLine(x, y, x, y + h);
    }

    private static void bars(Graphics2D g, int x, int y, int w, int h, double top, String[] paths, double[] values,
            String unit) {
        int bw = 70;
        int gap = (w - paths.length * bw) / (paths.length + 1);
        for (int i = 0; i < paths.length; i++) {
            int bx = x + gap + i * (bw + gap);
            g.setColor(Color.BLACK);
            g.setFont(font(Font.PLAIN, 13));
            centered(g, paths[i], bx + bw / 2, y + h + 18);
            if (Double.isNaN(values[i])) {
                centered(g, "n/a", bx + bw / 2, y + h - 6);
                continue;
            }
            int bh = (int) Math.round(Math.max(0, values[i]) / top * h);
            g.setColor(COLORS.get(paths[i]));
            g.fillRect(bx, y + h - bh, bw, bh);
            g.setColor(Color.BLACK);
            g.setFont(font(Font.BOLD, 13));
            centered(g, String.format(Locale.ROOT, "%.1f %s", values[i], unit), bx + bw / 2, y + h - bh - 6);
        }
    }

    private static void target(Graphics2D g, int x, int y, int w, int h, double top, double value, String label) {
        int ty = y + h - (int) Math.round(value / top * h);
        g.setColor(FAIL);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        g.drawLine(x, ty, x + w, ty);
        g.setStroke(new BasicStroke(1f));
        g.setFont(font(Font.PLAIN, 12));
        g.drawString(label, x + w - g.getFontMetrics().stringWidth(label) - 4, ty - 5);
    }

    private static void verticalLabel(Graphics2D g, String text, int x, int y) {
        AffineTransform saved = g.getTransform();
        g.setFont(font(Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.translate(x + 5, y);
        g.rotate(-Math.PI / 2);
        g.drawString(text, 0, 0);
        g.setTransform(saved);
    }

    private static void centered(Graphics2D g, String text, int cx, int baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, cx - fm.stringWidth(text) / 2, baseline);
    }

    private static String shortTitle(Figure f, Results r) {
        String loaded = String.format(Locale.ROOT, "%.0f clients", Targets.num(r.settings, "connect_threads"));
        return switch (f.id) {
            case "bulk_1" -> "bulk, 1 conn";
            case "bulk_8" -> "bulk, 8 conns";
            case "rtt_p50" -> "RTT p50";
            case "rtt_p99" -> "RTT p99";
            case "rtt_p999" -> "RTT p99.9";
            case "rtt_idle_p50" -> "idle RTT, p50";
            case "rtt_idle_p99" -> "idle RTT, p99";
            case "connect_single_p50" -> "connect p50, 1 client";
            case "connect_single_p99" -> "connect p99, 1 client";
            case "connect_p50" -> "connect p50, " + loaded;
            case "connect_p99" -> "connect p99, " + loaded;
            case "connect_rate" -> "conns/s";
            default -> f.id;
        };
    }

    static String value(double v, String unit) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        String num = v >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        return num + " " + unit;
    }

    private static double niceTop(double v) {
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 4, 5, 8, 10}) {
            if (m * mag >= v) {
                return m * mag;
            }
        }
        return 10 * mag;
    }

    private static double nz(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static Font font(int style, int size) {
        return new Font(Font.SANS_SERIF, style, size);
    }
}
