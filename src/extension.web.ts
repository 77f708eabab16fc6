// The web extension host (vscode.dev, github.dev) runs the same code: nothing on its paths uses Node APIs.
export { activate, deactivate } from './extension';
