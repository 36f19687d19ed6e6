import { Admin, type AuthProvider, CustomRoutes, Resource, type Store, localStorageStore } from 'react-admin';
import { Route } from 'react-router-dom';
import accountImport from './account-import';
import accounts from './accounts';
import cases from './cases';
import { CaseQueuePage } from './cases/CaseList';
import { i18nProvider } from './i18n';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import notifications from './notifications';
import organisations from './organisations';
import { authProvider as defaultAuthProvider } from './providers/authProvider';
import { type KundportalDataProvider, dataProvider as defaultDataProvider } from './providers/dataProvider';
import serviceLevelReport from './service-level-report';
import serviceLevels from './service-levels';
import staff from './staff';
import { theme } from './theme';

export interface AppProps {
  dataProvider?: KundportalDataProvider;
  authProvider?: AuthProvider;
  store?: Store;
}

/** The back office; main.tsx puts it under a BrowserRouter at /admin, tests under a memory router. */
export const App = ({
  dataProvider = defaultDataProvider,
  authProvider = defaultAuthProvider,
  store = localStorageStore('1', 'kundportal-admin'),
}: AppProps) => (
  <Admin
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    store={store}
    layout={Layout}
    loginPage={LoginPage}
    theme={theme}
    title="Kundportal – handläggning"
    requireAuth
    disableTelemetry
  >
    <Resource name="cases" {...cases} />
    <Resource name="organisations" {...organisations} />
    <Resource name="accounts" {...accounts} />
    <Resource name="staff" {...staff} />
    <Resource name="service-levels" {...serviceLevels} />
    <Resource name="service-level-report" {...serviceLevelReport} />
    <Resource name="notifications" {...notifications} />
    <Resource name="account-import" {...accountImport} />
    <CustomRoutes>
      <Route path="/queues/:queue" element={<CaseQueuePage />} />
    </CustomRoutes>
  </Admin>
);
