// Reading a bitmap's pixels in a worker, shared by the image worker (live frames) and the
// face worker (selfie frames): one OffscreenCanvas per reader, resized only when the
// frame's size changes, and read often (willReadFrequently keeps it on the CPU).

/** A function that answers the pixels of each bitmap it is given, on a canvas of its own. */
export function pixelReader(): (frame: ImageBitmap) => ImageData {
  let canvas: OffscreenCanvas | undefined;
  return (frame) => {
    canvas ??= new OffscreenCanvas(frame.width, frame.height);
    if (canvas.width !== frame.width || canvas.height !== frame.height) {
      canvas.width = frame.width;
      canvas.height = frame.height;
    }
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(frame, 0, 0);
    return ctx.getImageData(0, 0, frame.width, frame.height);
  };
}
