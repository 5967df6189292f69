// QR decoding: the platform's BarcodeDetector where it reads QR codes (Android Chrome), otherwise the
// barcode-detector ponyfill (ZXing-C++ in WebAssembly, from npm), its .wasm served by this app, never a CDN.
import {BarcodeDetector as Ponyfill, prepareZXingModule} from "../vendor/barcode-detector/ponyfill.js";

prepareZXingModule({
  overrides: {
    locateFile: (path, prefix) => path.endsWith(".wasm")
        ? new URL("../vendor/zxing-wasm/reader/" + path, import.meta.url).href : prefix + path,
  },
});

let detectorPromise = null;

function detector() {
  if (!detectorPromise) {
    detectorPromise = (async () => {
      if ("BarcodeDetector" in globalThis) {
        try {
          const formats = await globalThis.BarcodeDetector.getSupportedFormats();
          if (formats.includes("qr_code")) return new globalThis.BarcodeDetector({formats: ["qr_code"]});
        } catch (e) {
          // fall through to the ponyfill
        }
      }
      return new Ponyfill({formats: ["qr_code"]});
    })();
  }
  return detectorPromise;
}

/** The text of the first QR code in an image source (a Blob/File, a canvas, an ImageBitmap); null when none. */
export async function decode(source) {
  const found = await (await detector()).detect(source);
  return found.length ? found[0].rawValue : null;
}

export class CameraError extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason; // "denied" | "absent" | "failed"
  }
}

/**
 * Starts the back camera in {@code video} and reads frames (about 5 per second) until a QR code is found or
 * {@code signal} aborts. Resolves with the text; stops the camera either way.
 */
export async function scanWithCamera(video, signal) {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) throw new CameraError("absent");
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: "environment", width: 640, height: 480},
      audio: false});
  } catch (e) {
    if (e && (e.name === "NotAllowedError" || e.name === "SecurityError")) throw new CameraError("denied");
    if (e && (e.name === "NotFoundError" || e.name === "OverconstrainedError")) throw new CameraError("absent");
    throw new CameraError("failed");
  }
  try {
    video.srcObject = stream;
    await video.play();
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", {willReadFrequently: true});
    while (!signal.aborted) {
      if (video.videoWidth > 0) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        context.drawImage(video, 0, 0);
        const text = await decode(canvas);
        if (text) return text;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    return null;
  } finally {
    stream.getTracks().forEach(track => track.stop());
    video.srcObject = null;
  }
}
