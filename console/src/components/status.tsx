import type { ComponentChildren } from 'preact';
import { describeError } from '../api.js';
import { label } from '../format.js';

export function ErrorNote({ error, what }: { error: unknown; what: string }) {
  return (
    <p class="note error" role="alert">
      Could not load {what}: {describeError(error)}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="note" role="status">
      Loading {what}…
    </p>
  );
}

/** A coloured state label; the colour repeats the text, it never carries meaning alone. */
export function Badge({ kind, children }: { kind: string; children: ComponentChildren }) {
  return <span class={`badge badge-${kind}`}>{children}</span>;
}

export function ReviewBadge({ state }: { state: string }) {
  return <Badge kind={state}>{label(state)}</Badge>;
}

export function PriorityBadge({ priority }: { priority: string | null | undefined }) {
  return priority ? <Badge kind={`p-${priority}`}>{priority}</Badge> : <>–</>;
}

/** Long text in a box that may scroll: focusable and named, so keyboard users can scroll it too. */
export function TextBox({ label: name, text, extraClass }: { label: string; text: string; extraClass?: string }) {
  return (
    <pre class={`reply${extraClass ? ` ${extraClass}` : ''}`} tabIndex={0} role="region" aria-label={name}>
      {text}
    </pre>
  );
}
