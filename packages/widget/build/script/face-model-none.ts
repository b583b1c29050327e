// The face worker as the script-tag build makes it (build.ts swaps core/src/face/model.ts for this):
// the weights are a file beside the script, whose URL and pin the page sends.
import type { FaceModelSource } from '@argos-kyc/core/face';

export const BUNDLED_MODEL: FaceModelSource | undefined = undefined;
