import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations } from 'react-admin';
import { sv } from './sv';

const messages = mergeTranslations(englishMessages, sv);

// allowMissing: plain Swedish strings (notifications, labels) pass through translate() as they are.
export const i18nProvider = polyglotI18nProvider(() => messages, 'sv', [{ locale: 'sv', name: 'Svenska' }], {
  allowMissing: true,
});
