// A React 19 host, without JSX (createElement): properties for objects and callbacks,
// `on<event>` props for the widget's events, and a button that removes and re-adds
// the element mid-flow (the widget resumes; its camera and listeners go with it).
import '@argos-kyc/widget/define';
import type { KycStepChangeEvent } from '@argos-kyc/widget';
import { createElement as h, StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

const params = new URLSearchParams(location.search);

function App() {
  const [shown, setShown] = useState(params.get('show') !== '0');
  const [steps, setSteps] = useState<string[]>([]);
  return h(
    'div',
    null,
    h(
      'button',
      { type: 'button', id: 'toggle', onClick: () => setShown((s) => !s) },
      shown ? 'Remove widget' : 'Add widget',
    ),
    h('p', { id: 'host-steps' }, `Steps seen by React: ${steps.join(', ') || 'none'}`),
    shown
      ? h('argos-kyc', {
          endpoint: '/kyc',
          locale: params.get('locale') ?? 'en',
          // Objects are properties (React 19 sets a prop that the element has as a property).
          countries: ['GBR', 'KOR', 'USA'],
          documentTypes: ['passport', 'government_id'],
          'onkyc-step-change': (event: KycStepChangeEvent) => setSteps((s) => [...s, event.detail.step]),
        })
      : null,
  );
}

createRoot(document.getElementById('root')!).render(h(StrictMode, null, h(App)));
