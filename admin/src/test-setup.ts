// jsdom set-up for the component tests (vitest project "admin").
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Without vitest globals Testing Library cannot register its own cleanup.
afterEach(cleanup);

// A whole react-admin app renders per test: on two shared cores under load the first render can take
// seconds, past Testing Library's default wait of one second for findBy… and waitFor.
configure({ asyncUtilTimeout: 15_000 });

// jsdom implements neither; react-admin scrolls to the top on navigation.
window.scrollTo = () => undefined;
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }) as MediaQueryList;
