// The tiny face detector's weights as the bundler serves them (Vite: a file of its own
// beside the code, from the page's origin). The script-tag build swaps this module for
// one that has none (build/build.ts): there the page hands the worker the file's URL.
// The `?url` type travels with this file to every importer.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./assets.d.ts" />
import weightsUrl from '@vladmandic/face-api/model/tiny_face_detector_model.bin?url';

export const BUNDLED_MODEL_URL: string | undefined = weightsUrl;
