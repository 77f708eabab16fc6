// Stands in for `import('mermaid')` in the site's bundle (esbuild.mjs maps the module here). The site is a
// classic script, so that pages opened from disk work, and a classic bundle cannot split Mermaid into a chunk
// the way the panel's module bundle does; instead Mermaid's own classic build (assets/mermaid.min.js, copied
// there by `roadmap publish`) is added as a script the first time the dependency view draws. The views call
// `initialize` then `render`; both are forwarded once the script has loaded.
import type { Mermaid } from 'mermaid';

declare global {
  interface Window {
    mermaid?: Mermaid;
  }
}

let loading: Promise<Mermaid> | undefined;

function loadScript(): Promise<Mermaid> {
  loading ??= new Promise<Mermaid>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${document.body.dataset.siteRoot ?? ''}assets/mermaid.min.js`;
    script.addEventListener('load', () =>
      window.mermaid ? resolve(window.mermaid) : reject(new Error('Mermaid did not load.')),
    );
    script.addEventListener('error', () => {
      loading = undefined;
      script.remove();
      // Worded like a failed module import, so that the view's retry logic treats it the same way.
      reject(new TypeError('Failed to fetch dynamically imported module: assets/mermaid.min.js'));
    });
    document.head.append(script);
  });
  return loading;
}

let settings: Parameters<Mermaid['initialize']>[0] | undefined;

const mermaid = {
  initialize(config: Parameters<Mermaid['initialize']>[0]): void {
    settings = config;
  },
  async render(...args: Parameters<Mermaid['render']>): ReturnType<Mermaid['render']> {
    const loaded = await loadScript();
    if (settings) loaded.initialize(settings);
    return loaded.render(...args);
  },
};

export default mermaid;
