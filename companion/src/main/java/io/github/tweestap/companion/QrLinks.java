package io.github.tweestap.companion;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads the enrollment link from a QR code image, as the phone's camera would (and writes one, for tests). */
public final class QrLinks {

    private QrLinks() {
    }

    /**
     * The text of the QR code in an image file (PNG, or another format ImageIO reads).
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if it is not an image or holds no readable QR code
     */
    public static String decode(Path imageFile) throws IOException {
        try (InputStream in = Files.newInputStream(imageFile)) {
            return decode(read(in));
        }
    }

    /** The text of the QR code in image bytes (PNG, …). */
    public static String decode(byte[] imageBytes) {
        try {
            return decode(read(new ByteArrayInputStream(imageBytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the QR code in a {@code data:image/png;base64,…} URI (as an {@code <img src>} may carry it). */
    public static String decodeDataUri(String dataUri) {
        int comma = dataUri.indexOf(',');
        if (!dataUri.startsWith("data:") || comma < 0 || !dataUri.substring(0, comma).endsWith(";base64")) {
            throw new IllegalArgumentException("Not a base64 data: URI");
        }
        return decode(Base64.getMimeDecoder().decode(dataUri.substring(comma + 1)));
    }

    /**
     * The text of the QR code in an image. A screenshot often cuts the QR code off right at its edge; when nothing
     * is found, the image is tried again inside a white border (the "quiet zone" a reader needs).
     */
    public static String decode(BufferedImage image) {
        try {
            return decodeAsIs(image);
        } catch (IllegalArgumentException notFound) {
            int margin = Math.max(16, Math.max(image.getWidth(), image.getHeight()) / 8);
            BufferedImage framed = new BufferedImage(image.getWidth() + 2 * margin, image.getHeight() + 2 * margin,
                    BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = framed.createGraphics();
            try {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, framed.getWidth(), framed.getHeight());
                g.drawImage(image, margin, margin, null);
            } finally {
                g.dispose();
            }
            return decodeAsIs(framed);
        }
    }

    private static String decodeAsIs(BufferedImage image) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        hints.put(DecodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        MultiFormatReader reader = new MultiFormatReader();
        reader.setHints(hints);
        Result result;
        try {
            result = reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(source)));
        } catch (NotFoundException e) {
            try {
                result = reader.decodeWithState(new BinaryBitmap(new GlobalHistogramBinarizer(source)));
            } catch (NotFoundException again) {
                // A computer-drawn code (a page's image, a screenshot of it) is "pure": no perspective, no noise.
                Map<DecodeHintType, Object> pure = new EnumMap<>(hints);
                pure.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
                reader.setHints(pure);
                try {
                    result = reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(source)));
                } catch (NotFoundException stillNot) {
                    throw new IllegalArgumentException("No QR code found in the image");
                }
            }
        }
        return result.getText();
    }

    /** A QR code (error correction M, 4-module quiet zone) of {@code text}, {@code size}×{@code size} pixels. */
    public static BufferedImage encode(String text, int size) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
            return MatrixToImageWriter.toBufferedImage(matrix);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode as QR code: " + e.getMessage(), e);
        }
    }

    /** A PNG of {@link #encode}. */
    public static byte[] encodePng(String text, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(encode(text, size), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@link #encodePng} to a file. */
    public static void writePng(String text, int size, Path file) throws IOException {
        Files.write(file, encodePng(text, size));
    }

    private static BufferedImage read(InputStream in) throws IOException {
        BufferedImage image = ImageIO.read(in);
        if (image == null) {
            throw new IllegalArgumentException("Not an image ImageIO can read");
        }
        return image;
    }
}
