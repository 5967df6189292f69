package io.github.tweestap.companion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QrLinksTest {

    private static final String LINK = "http://localhost:8080/realms/werkplek/tweestap-device/enroll?token="
            + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTc5NTAwMDAwMH0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

    @TempDir
    Path dir;

    @Test
    void pngWrittenByZxingDecodesBackToTheLink() throws Exception {
        Path png = dir.resolve("qr.png");
        QrLinks.writePng(LINK, 300, png);
        assertThat(Files.size(png)).isPositive();
        assertThat(ImageIO.read(png.toFile())).isNotNull();
        assertThat(QrLinks.decode(png)).isEqualTo(LINK);
    }

    @Test
    void qrInALargerPictureIsFound() throws Exception {
        BufferedImage qr = QrLinks.encode(LINK, 250);
        BufferedImage page = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(new Color(240, 240, 240));
        g.fillRect(0, 0, 800, 600);
        g.drawImage(qr, 400, 200, null);
        g.dispose();
        Path png = dir.resolve("page.png");
        ImageIO.write(page, "png", png.toFile());
        assertThat(QrLinks.decode(png)).isEqualTo(LINK);
    }

    @Test
    void dataUriDecodes() {
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(QrLinks.encodePng(LINK, 200));
        assertThat(QrLinks.decodeDataUri(uri)).isEqualTo(LINK);
    }

    @Test
    void imageWithoutQrOrNotAnImageIsRefused() throws Exception {
        BufferedImage blank = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        Path png = dir.resolve("blank.png");
        ImageIO.write(blank, "png", png.toFile());
        assertThatThrownBy(() -> QrLinks.decode(png)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No QR code");
        Path text = dir.resolve("text.png");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> QrLinks.decode(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQrCodeCutOffAtItsEdgeIsStillRead() {
        String link = "https://login.example/realms/werkplek/tweestap-device/enroll?token=abc.def";
        java.awt.image.BufferedImage full = QrLinks.encode(link, 300);
        // Crop to the modules only: find the dark pixels' bounding box (no quiet zone left).
        int minX = full.getWidth(), minY = full.getHeight(), maxX = 0, maxY = 0;
        for (int y = 0; y < full.getHeight(); y++) {
            for (int x = 0; x < full.getWidth(); x++) {
                if ((full.getRGB(x, y) & 0xFFFFFF) == 0) {
                    minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
                }
            }
        }
        java.awt.image.BufferedImage cropped = full.getSubimage(minX, minY, maxX - minX + 1, maxY - minY + 1);
        org.assertj.core.api.Assertions.assertThat(QrLinks.decode(cropped)).isEqualTo(link);
    }

    @Test
    void denseCodesDrawnWithoutAQuietZoneAreRead() throws Exception {
        // Like a login page's QR code: a long link, drawn at a fixed size (modules not a whole number of pixels).
        java.security.SecureRandom random = new java.security.SecureRandom();
        java.util.Map<com.google.zxing.EncodeHintType, Object> hints = new java.util.EnumMap<>(com.google.zxing.EncodeHintType.class);
        hints.put(com.google.zxing.EncodeHintType.MARGIN, 0);
        for (int i = 0; i < 100; i++) {
            byte[] token = new byte[90 + random.nextInt(40)];
            random.nextBytes(token);
            String link = "http://localhost:41234/realms/werkplek/tweestap-device/enroll?token="
                    + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(token);
            com.google.zxing.common.BitMatrix matrix = new com.google.zxing.qrcode.QRCodeWriter()
                    .encode(link, com.google.zxing.BarcodeFormat.QR_CODE, 246, 246, hints);
            java.awt.image.BufferedImage image = com.google.zxing.client.j2se.MatrixToImageWriter.toBufferedImage(matrix);
            org.assertj.core.api.Assertions.assertThat(QrLinks.decode(image)).isEqualTo(link);
        }
    }
}
