package io.github.tweestap.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodesTest {

    @Test
    void aPhoneReadsBackWhatWasDrawn() throws Exception {
        String uri = "otpauth://totp/Werkplek:jan.jansen?secret=JZZWKUDPOJ2GC3CEMVWW6MRQGI2UWZLZ&issuer=Werkplek&digits=6";
        byte[] png = QrCodes.png(uri, 246, 246);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(246);
        assertThat(image.getHeight()).isEqualTo(246);
        assertThat(decode(image)).isEqualTo(uri);
    }

    @Test
    void base64IsThePngForADataUrl() throws Exception {
        String link = "http://localhost:8080/realms/werkplek/tweestap-device/enroll?token=abc.def.ghi";
        byte[] png = Base64.getDecoder().decode(QrCodes.pngBase64(link, 300, 300));
        assertThat(decode(ImageIO.read(new ByteArrayInputStream(png)))).isEqualTo(link);
    }

    private static String decode(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        LuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }
}
