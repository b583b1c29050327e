// The ESM host: the package's modules through the host's bundler (Vite here), Lit
// shared with the host. The classes import without side effects; define registers.
import { ArgosKyc, KycStepChangeEvent } from '@argos-kyc/widget';
import { defineArgosKyc } from '@argos-kyc/widget/define';

defineArgosKyc();
const params = new URLSearchParams(location.search);
const widget = new ArgosKyc();
widget.endpoint = '/kyc';
widget.locale = params.get('locale') ?? 'en';
widget.capture = params.get('capture') === 'upload' ? 'upload' : 'auto';
widget.documentTypes = ['passport'];
widget.countries = ['GBR', 'KOR'];
const log = document.getElementById('event-log')!;
widget.addEventListener(KycStepChangeEvent.type, (event) => {
  const item = document.createElement('li');
  item.textContent = `${event.type} ${JSON.stringify(event.detail)}`;
  log.append(item);
});
document.querySelector('main')!.append(widget);
