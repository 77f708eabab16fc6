// Entry point of the roadmap panel's browser bundle (dist/webview/main.js, loaded as a nonce'd module).
import { App } from './app';
import { startBaseline } from './baseline';
import { connectHost } from './vscodeApi';

const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
new App(root, connectHost()).start();
startBaseline(root);
