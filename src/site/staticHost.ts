// The panel's host on a published site: the model comes from data.js instead of the extension, the UI state
// lives in the address (deep links), opening a feature goes to its page, and edits go nowhere (read-only).
import type { RoadmapModel } from '../shared/protocol';
import { restoreState } from '../webview/state';
import type { Host } from '../webview/vscodeApi';
import { hashFromState, stateFromHash } from './urlState';

export function createStaticHost(
  model: RoadmapModel,
  pages: Readonly<Record<string, string>>,
  siteRoot: string,
): Host {
  return {
    readOnly: true,
    post(message) {
      switch (message.type) {
        case 'ready':
          // Delivered like a host message, through the same validation as in VS Code.
          queueMicrotask(() =>
            window.dispatchEvent(new MessageEvent('message', { data: { type: 'model', model } })),
          );
          return;
        case 'openFeature': {
          const target = Object.hasOwn(pages, message.file) ? pages[message.file] : undefined;
          if (target) window.location.assign(`${siteRoot}${target}`);
          return;
        }
        default:
          // setField, setDates, export: a published site writes nothing.
          return;
      }
    },
    getState: () => stateFromHash(window.location.hash),
    setState(state) {
      const hash = hashFromState(restoreState(state));
      if (hash !== window.location.hash) history.replaceState(null, '', hash);
    },
  };
}
