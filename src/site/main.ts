// Entry point of a published site's script (assets/site.js, a classic script so that pages work from disk).
// Every page gets the search box and the reader's light or dark theme; the index also gets the roadmap views,
// drawn by the panel's own App over a read-only host.
import { siteDataGlobal, siteSearchGlobal, type SearchEntry, type SiteData } from '../core/site/siteData';
import { App } from '../webview/app';
import { wireSearch } from './search';
import { createStaticHost } from './staticHost';

declare global {
  interface Window {
    [siteDataGlobal]?: SiteData;
    [siteSearchGlobal]?: SearchEntry[];
  }
}

/** The panel's views and Mermaid pick their colours from VS Code's body classes; the site follows the reader. */
function followColourScheme(): void {
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    document.body.classList.toggle('vscode-dark', dark.matches);
    document.body.classList.toggle('vscode-light', !dark.matches);
  };
  apply();
  dark.addEventListener('change', apply);
}

function start(): void {
  followColourScheme();
  const siteRoot = document.body.dataset.siteRoot ?? '';
  const search = window[siteSearchGlobal];
  if (search) wireSearch(search, siteRoot);
  const data = window[siteDataGlobal];
  const root = document.getElementById('root');
  if (data && root) new App(root, createStaticHost(data.model, data.pages, siteRoot)).start();
}

start();
