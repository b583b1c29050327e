// dist/locales/ko.js: the Korean strings for the script-tag build, loaded on demand.
export { ko as default } from '../../src/i18n/ko.ts';
