package io.github.tweestap.support;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * QR codes as PNG, drawn with zxing's core encoder, which every supported Keycloak distribution ships (3.4.0 in
 * 26.4 to 26.7). Keycloak's own {@code org.keycloak.utils.QRCodeUtils} exists only in newer versions, so the pack
 * does not use it.
 */
public final class QrCodes {

    private QrCodes() {
    }

    /** The PNG of a QR code holding {@code text}, about {@code width} × {@code height} pixels. */
    public static byte[] png(String text, int width, int height) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, width, height);
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
            return out.toByteArray();
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("QR code could not be drawn", e);
        }
    }

    /** The same PNG, base64-encoded for a {@code data:image/png;base64,…} URL in a template. */
    public static String pngBase64(String text, int width, int height) {
        return Base64.getEncoder().encodeToString(png(text, width, height));
    }
}
