package io.github.tweestap.it.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A fake camera for the phone's Chromium: a Y4M file (I420, full-range BT.601) that Chromium reads when a page starts
 * capturing, so the test can write the QR code a login page shows just before the app scans it. Written in Java,
 * no ffmpeg. The flags go on the phone's browser ({@link #arguments()}); the file may be rewritten between scans.
 */
public final class FakeCamera {

    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    private final Path file;

    public FakeCamera() {
        try {
            file = Files.createTempDirectory("tweestap-camera-").resolve("camera.y4m");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        show(blank());
    }

    /** Chromium's flags: a fake camera device fed from the file, and camera permission without a prompt. */
    public List<String> arguments() {
        return List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + file);
    }

    /** Points the camera at the image of a {@code data:image/png;base64,…} URI (e.g. a login page's QR code). */
    public void showDataUri(String dataUri) {
        int comma = dataUri.indexOf(',');
        try {
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(
                    Base64.getMimeDecoder().decode(dataUri.substring(comma + 1))));
            show(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points the camera at an image, scaled to fit a white 640×480 frame. */
    public void show(BufferedImage image) {
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        int size = Math.min(400, Math.min(image.getWidth() * 4, 400));
        double scale = Math.min((double) size / image.getWidth(), (double) size / image.getHeight());
        int w = (int) Math.round(image.getWidth() * scale);
        int h = (int) Math.round(image.getHeight() * scale);
        g.drawImage(image, (WIDTH - w) / 2, (HEIGHT - h) / 2, w, h, null);
        g.dispose();
        writeY4m(frame);
    }

    private static BufferedImage blank() {
        BufferedImage frame = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 16, 16);
        g.dispose();
        return frame;
    }

    private void writeY4m(BufferedImage img) {
        byte[] y = new byte[WIDTH * HEIGHT];
        byte[] u = new byte[WIDTH * HEIGHT / 4];
        byte[] v = new byte[WIDTH * HEIGHT / 4];
        for (int row = 0; row < HEIGHT; row++) {
            for (int col = 0; col < WIDTH; col++) {
                int rgb = img.getRGB(col, row);
                y[row * WIDTH + col] = (byte) clamp(Math.round(0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff)
                        + 0.114 * (rgb & 0xff)));
            }
        }
        for (int row = 0; row < HEIGHT; row += 2) {
            for (int col = 0; col < WIDTH; col += 2) {
                double r = 0;
                double gr = 0;
                double b = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int rgb = img.getRGB(col + dx, row + dy);
                        r += ((rgb >> 16) & 0xff) / 4.0;
                        gr += ((rgb >> 8) & 0xff) / 4.0;
                        b += (rgb & 0xff) / 4.0;
                    }
                }
                int i = (row / 2) * (WIDTH / 2) + col / 2;
                u[i] = (byte) clamp(Math.round(-0.168736 * r - 0.331264 * gr + 0.5 * b + 128));
                v[i] = (byte) clamp(Math.round(0.5 * r - 0.418688 * gr - 0.081312 * b + 128));
            }
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F5:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
                for (int f = 0; f < 2; f++) {
                    out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(y);
                    out.write(u);
                    out.write(v);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int clamp(long x) {
        return (int) Math.max(0, Math.min(255, x));
    }
}
