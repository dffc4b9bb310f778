import { useState } from 'preact/hooks';
import { apiKey } from '../api.js';

/** Shown when the API answered 401: asks for a key and keeps it for this tab only. */
export function KeyForm({ onSaved }: { onSaved: () => void }) {
  const [key, setKey] = useState('');
  const hadKey = apiKey.get() !== null;
  return (
    <section class="panel key-form" aria-labelledby="key-title">
      <h2 id="key-title">API key needed</h2>
      <p>
        {hadKey ? 'The API did not accept the stored key. ' : 'The API asks for a key. '}
        It is kept in this tab's session storage and sent as <code>Authorization: Bearer</code>.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!key.trim()) return;
          apiKey.set(key);
          onSaved();
        }}
      >
        <label for="api-key">API key</label>
        <input id="api-key" type="password" autocomplete="off" required value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        <button type="submit">Use this key</button>
      </form>
    </section>
  );
}
