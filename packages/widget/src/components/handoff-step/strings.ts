// The handoff screen's English (issue 14), in its lazy chunk: the script tag's first
// screens never show it. Korean: ko.ts, `handoff` (the Strings type keeps it complete).
export const handoffEn = {
  title: 'Continue on your phone',
  intro:
    'Your phone’s camera takes a sharper photo of your document. Scan this code with your phone’s camera, or open the link on your phone.',
  qr: 'QR code of the link for your phone',
  link: 'Link for your phone',
  copy: 'Copy link',
  copied: 'Link copied.',
  rotates: 'For your security, the code changes every few minutes; an old one stops working.',
  starting: 'Preparing a link for your phone…',
  phoneTitle: 'On your phone',
  opened: 'Link opened',
  document: 'Photo of your document',
  selfie: 'Selfie',
  item: '{{item}}: {{state}}',
  done: 'done',
  waiting: 'waiting',
  keepOpen: 'Keep this page open: it shows your result as soon as your phone is finished.',
  here: 'Continue here instead',
};

export type HandoffKey = keyof typeof handoffEn;
