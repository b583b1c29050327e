// The tiny face detector's weights as the bundler serves them (Vite: a file of its own
// beside the code, from the page's origin). Two builds swap this module (packages/widget/build/build.ts):
// the script-tag build for one that has none (the page hands the worker the file's URL and
// pin), and the widget's ESM build for one that names the file beside the worker with its
// sha384 (an integrator's bundler copies it, maybe renamed: the content, and so the pin, holds).
// The `?url` type travels with this file to every importer.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./assets.d.ts" />
import weightsUrl from '@vladmandic/face-api/model/tiny_face_detector_model.bin?url';
import type { FaceModelSource } from './protocol.ts';

export const BUNDLED_MODEL: FaceModelSource | undefined = { url: weightsUrl };
