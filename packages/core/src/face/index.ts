export {
  FACE_GATE,
  FaceGate,
  judgeFaceFrame,
  type FaceBox,
  type FaceFrame,
  type FaceGateLimits,
  type FaceGateOptions,
  type FaceGateUpdate,
  type FaceGuidance,
  type Rect,
} from './gate.ts';
