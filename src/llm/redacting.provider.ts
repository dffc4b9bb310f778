import type { PiiRedactor, RedactionSession } from '../privacy/pii-redactor.js';
import type {
  LlmProvider,
  Prompt,
  ProviderHealth,
  StructuredRequest,
  StructuredResponse,
} from './llm-provider.js';

/** Told to the model only when something was hidden, so it keeps placeholders intact instead of guessing. */
export const PLACEHOLDER_NOTICE =
  'Personal data in the text above was replaced by placeholders such as [EMAIL_1] or [PHONE_1]. ' +
  'Copy a placeholder exactly where the value belongs; never invent a value for it.';

/**
 * Wraps any provider so that no personal data leaves in a prompt: the prompt is redacted before the inner
 * provider (and anything it logs to, such as PromptLayer) sees it, placeholders in the structured output are
 * restored, and the response reports how many values of each kind were hidden. The offline `local()` method
 * never leaves the process and is passed through untouched.
 */
export class RedactingProvider implements LlmProvider {
  constructor(
    private readonly inner: LlmProvider,
    private readonly redactor: PiiRedactor,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  async generate<T>(request: StructuredRequest<T>): Promise<StructuredResponse<T>> {
    // One session per request: a provider that builds the prompt again on retry gets the same placeholders.
    let session: RedactionSession | undefined;
    const prompt = (): Prompt => {
      session ??= this.redactor.session();
      const original = request.prompt();
      const system = session.redact(original.system);
      const user = session.redact(original.user);
      return { system, user: session.total > 0 ? `${user}\n\n${PLACEHOLDER_NOTICE}` : user };
    };
    const response = await this.inner.generate({ ...request, prompt });
    if (!session || session.total === 0) return response;
    return { ...response, data: session.restore(response.data), redactions: session.counts() };
  }

  health(): Promise<ProviderHealth> {
    return this.inner.health();
  }
}
