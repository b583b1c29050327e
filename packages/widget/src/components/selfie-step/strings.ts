// The selfie screen's English (but the attempts left, which the retry screen and the live
// region of <argos-kyc> say): in the screen's lazy chunk, since the script tag's first
// screens never show it. Added to every i18next instance when the chunk loads (addEnglish);
// Korean is in ko.ts (the Strings type keeps it complete).
export const selfieEn = {
  title: 'Take a selfie',
  hint: 'Hold the phone at eye level, fit your face inside the oval, and look at the camera. Remove glasses and hats; use good light.',
  take: 'Take selfie',
  preview: 'The selfie you took',
  clean: 'The selfie looks clear. Use it, or retake it.',
  use: 'Use this selfie',
  cameraProblem: 'The front camera is not available. You can upload a selfie instead.',
  uploadHint: 'A clear JPEG or PNG photo of your face, taken just now.',
  example: { good: '✓ Like this', bad: '✗ No glasses or hat' },
  qualityTitle: 'This selfie may not pass: {{issues}}. Retake it?',
  // issue 13 (h-selfie): the live face check
  faceTitle: 'This selfie cannot be sent: {{issues}}. Take another one.',
  guide: {
    loading: 'Getting the face check ready…',
    too_dark: 'Find more light',
    too_bright: 'Too bright: move out of direct light',
    no_face: 'No face yet: look at the camera',
    several_faces: 'Only you, please: one face in the picture',
    come_closer: 'Come closer',
    move_back: 'Move back a little',
    centre_face: 'Put your face in the oval',
    blurred: 'Hold the phone steady',
    hold_still: 'Hold still…',
    ready: 'Ready: take your selfie',
  },
  quality: {
    too_dark: 'it is too dark',
    too_bright: 'it is too bright',
    blurry: 'it is blurry',
    glare: 'there is strong glare',
    low_resolution: 'it is too small',
    no_face: 'no face is visible',
    multiple_faces: 'more than one face is visible',
    face_too_small: 'your face is too far away',
  },
};
