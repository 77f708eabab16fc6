// Entry point of the roadmap panel's browser bundle (dist/webview/main.js, loaded as a nonce'd module).
import { App } from './app';
import { startBaseline } from './baseline';
import { connectHost } from './vscodeApi';

// For the benchmarks: the bundle was fetched and parsed, and its code starts.
performance.mark('roadmap:script');
window.addEventListener('load', () => performance.mark('roadmap:load'));
document.addEventListener('DOMContentLoaded', () => performance.mark('roadmap:dcl'));
const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
new App(root, connectHost()).start();
startBaseline(root);
