// The face worker as the script-tag build makes it (build.ts swaps core/src/face/model.ts for this):
// the weights are a file beside the script, whose URL and pin the page sends.
export const BUNDLED_MODEL_URL: string | undefined = undefined;
