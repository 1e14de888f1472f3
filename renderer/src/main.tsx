import './zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.js';
import { PartBoundary } from './components/PartBoundary.js';
import { ClientProvider } from './client/ClientContext.js';
import { createClient } from './client/create-client.js';
import { initI18n } from './i18n/index.js';
import { startServiceWorker } from './pwa/service-worker.js';
import { UpdatePrompt } from './pwa/UpdatePrompt.js';
import './styles/app.css';
import './styles/layout.css';
import './styles/admin.css';
import './styles/admin-devices.css';
import './styles/people.css';
import './styles/agenda.css';
import './styles/attendance.css';
import './styles/votes.css';
import './styles/results.css';
import './styles/ballot.css';
import './styles/display.css';
import './styles/display-vote.css';
import './styles/documents.css';
import './styles/reader.css';
import './styles/assistant.css';
import './styles/action-items.css';
import './styles/brief.css';
import './styles/signing.css';
import './styles/ca-trust.css';
import './styles/session.css';
import './styles/messages.css';
import './styles/minutes.css';
import './styles/date-picker.css';
import './styles/lifecycle.css';

const i18n = initI18n();
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// The browser's offline store is read before the first render: what it holds shows at once.
void createClient().then((wiring) =>
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ClientProvider value={wiring}>
          <PartBoundary part="app">
            <App />
          </PartBoundary>
          <UpdatePrompt />
        </ClientProvider>
      </I18nextProvider>
    </StrictMode>,
  ),
);
// Not waiting for the store: the app shell is cached for the next visit whatever happens here.
startServiceWorker();
