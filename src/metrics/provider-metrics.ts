/**
 * What the provider layer reports about model calls. Providers take this interface (not prom-client), so
 * they stay testable with a plain object and the registry stays in one place.
 */
export interface ProviderMetrics {
  /** A call failed (kind: timeout, rate_limit, connection, bad_response, server_error, ...). */
  providerError(e: { provider: string; model: string; kind: string }): void;
  /** A call is being retried. */
  providerRetry(e: { provider: string; model: string }): void;
  /** The chain moved on from one provider to the next. */
  providerFallback(e: { from: string; to: string }): void;
}

export const NOOP_PROVIDER_METRICS: ProviderMetrics = {
  providerError() {},
  providerRetry() {},
  providerFallback() {},
};
