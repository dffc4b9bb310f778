import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiKey, onAuthRequired } from './api.js';
import { KeyForm } from './components/key-form.js';
import { QueuePage } from './pages/queue-page.js';
import { StatsPage } from './pages/stats-page.js';
import { TicketPage } from './pages/ticket-page.js';
import { useRoute } from './router.js';

function App() {
  const route = useRoute();
  const [needKey, setNeedKey] = useState(false);
  // Bumped when a key is entered, so the current page loads again with it.
  const [generation, setGeneration] = useState(0);
  useEffect(() => onAuthRequired(() => setNeedKey(true)), []);
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [route]);

  const current = route.page === 'ticket' ? 'queue' : route.page;
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Support console</span>
        <nav aria-label="Main">
          <a href="#/queue" aria-current={current === 'queue' ? 'page' : undefined}>Review queue</a>
          <a href="#/stats" aria-current={current === 'stats' ? 'page' : undefined}>Stats</a>
        </nav>
        {apiKey.get() && (
          <button type="button" class="link" onClick={() => { apiKey.clear(); setGeneration((g) => g + 1); }}>
            Forget API key
          </button>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {needKey && <KeyForm onSaved={() => { setNeedKey(false); setGeneration((g) => g + 1); }} />}
        {route.page === 'queue' && <QueuePage key={`q${generation}`} />}
        {route.page === 'ticket' && <TicketPage key={`t${route.id}${generation}`} id={route.id} />}
        {route.page === 'stats' && <StatsPage key={`s${generation}`} />}
        {route.page === 'missing' && (
          <section class="panel">
            <h1>Page not found</h1>
            <p>
              Nothing at <code>{route.path}</code>. Go to the <a href="#/queue">review queue</a>.
            </p>
          </section>
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
