// A command's `model:` holds for the turn its prompt starts: the agent's model client is wrapped so
// that, while an override is set, each request names that model instead of the session's. The
// session model, its context window and its settings stay as they were; usage is counted under the
// model that answered.
import type { ModelClient, ModelRequest, ModelResponseStream, RetryNotice } from '../../model/types.js';

export class SwitchableModelClient implements ModelClient {
  /** The model requests use instead of the session's, or undefined. */
  override: string | undefined;

  constructor(private readonly inner: ModelClient) {}

  get provider(): ModelClient['provider'] {
    return this.inner.provider;
  }

  stream(request: ModelRequest, onRetry?: (notice: RetryNotice) => void): ModelResponseStream {
    return this.inner.stream(this.withModel(request), onRetry);
  }

  get countTokens(): ModelClient['countTokens'] {
    const count = this.inner.countTokens?.bind(this.inner);
    return count && ((request) => count(this.withModel(request)));
  }

  private withModel<R extends { model: string }>(request: R): R {
    return this.override === undefined ? request : { ...request, model: this.override };
  }
}
