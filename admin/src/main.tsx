import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('#root saknas i index.html');

createRoot(root).render(
  <StrictMode>
    {/* Real paths under /admin (the API falls back to index.html), so every queue and case has a bookmarkable URL. */}
    <BrowserRouter basename="/admin">
      <App />
    </BrowserRouter>
  </StrictMode>,
);
