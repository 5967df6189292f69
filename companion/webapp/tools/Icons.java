import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the app's icons (no logo: a phone with a check mark), 192 and 512 px, full-bleed so they also work as
 * maskable icons. Run once from companion/webapp: {@code java tools/Icons.java app/icons}; the PNGs are committed.
 */
public class Icons {
    public static void main(String[] args) throws Exception {
        File dir = new File(args.length > 0 ? args[0] : "app/icons");
        dir.mkdirs();
        for (int size : new int[] {192, 512}) {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            double u = size / 100.0;
            g.setColor(new Color(0x1f, 0x4e, 0x79));
            g.fillRect(0, 0, size, size);
            // the phone: a white outline inside the maskable safe zone (the middle 80 %)
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke((float) (4.5 * u)));
            g.draw(new RoundRectangle2D.Double(33 * u, 20 * u, 34 * u, 60 * u, 9 * u, 9 * u));
            g.fillOval((int) Math.round(47.5 * u), (int) Math.round(71 * u), (int) Math.round(5 * u), (int) Math.round(5 * u));
            // the check mark
            g.setColor(new Color(0xff, 0xd2, 0x00));
            g.setStroke(new BasicStroke((float) (7 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            int[] xs = {(int) (40 * u), (int) (48 * u), (int) (62 * u)};
            int[] ys = {(int) (46 * u), (int) (55 * u), (int) (36 * u)};
            g.drawPolyline(xs, ys, 3);
            g.dispose();
            ImageIO.write(img, "png", new File(dir, "icon-" + size + ".png"));
        }
    }
}
