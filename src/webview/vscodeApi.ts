// The one door to the host. `acquireVsCodeApi` may be called only once per page, so it is wrapped here and
// the typed `post` keeps every outgoing message inside the protocol's WebviewMessage union.
import type { WebviewMessage } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  // Injected by VS Code (and by the browser tests' stub) before any module script runs.
  function acquireVsCodeApi(): VsCodeApi;
}

/** What the panel needs from whoever shows it: VS Code here, or a published site (src/site/staticHost.ts). */
export interface Host {
  post(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
  /** Nothing can be written back (a published site): views hide their edit affordances. */
  readonly readOnly?: boolean;
}

export function connectHost(): Host {
  // Opened outside VS Code (e.g. a file preview), the panel still renders; it just cannot write.
  const api: VsCodeApi =
    typeof acquireVsCodeApi === 'function'
      ? acquireVsCodeApi()
      : { postMessage: () => undefined, getState: () => undefined, setState: () => undefined };
  return {
    post: (message) => api.postMessage(message),
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}
