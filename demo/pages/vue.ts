// A Vue 3 host, without templates (h()): DOM properties for objects, `onKycStepChange`
// for the widget's `kyc-step-change` event, and a button that removes and re-adds the
// element mid-flow (the widget resumes; its camera and listeners go with it).
import '@argos-kyc/widget/define';
import type { KycStepChangeEvent } from '@argos-kyc/widget';
import { createApp, defineComponent, h, ref } from 'vue';

const params = new URLSearchParams(location.search);

const App = defineComponent(() => {
  const shown = ref(params.get('show') !== '0');
  const steps = ref<string[]>([]);
  return () =>
    h('div', [
      h(
        'button',
        { type: 'button', id: 'toggle', onClick: () => (shown.value = !shown.value) },
        shown.value ? 'Remove widget' : 'Add widget',
      ),
      h('p', { id: 'host-steps' }, `Steps seen by Vue: ${steps.value.join(', ') || 'none'}`),
      shown.value
        ? h('argos-kyc', {
            endpoint: '/kyc',
            locale: params.get('locale') ?? 'en',
            // `.prop` forces a DOM property (Vue would pick one anyway for a key the element has).
            '.countries': ['GBR', 'KOR', 'USA'],
            '.documentTypes': ['passport', 'government_id'],
            onKycStepChange: (event: KycStepChangeEvent) => steps.value.push(event.detail.step),
          })
        : null,
    ]);
});

createApp(App).mount('#root');
