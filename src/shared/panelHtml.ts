// The roadmap panel's HTML document, as a pure function so the extension host and the browser tests build
// exactly the same page (same CSP, same markup) and cannot drift apart.

export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  cspSource: string;
  /** A fresh random nonce per render (letters and digits). */
  nonce: string;
  /** URI of dist/webview/main.js as the webview sees it (`asWebviewUri`). */
  scriptUri: string;
  /** URI of media/roadmap.css as the webview sees it. */
  styleUri: string;
  title?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The Content-Security-Policy of the panel.
 * - scripts: only the nonce'd module; 'strict-dynamic' extends trust to what it imports (the lazily loaded
 *   Mermaid chunk), and nothing inline or injected by content can run.
 * - style-src 'unsafe-inline': Mermaid injects a <style> element and style attributes into its SVG; there is
 *   no nonce hook for that. Styles cannot run script, and Mermaid runs with securityLevel 'strict'.
 * - img-src data: for the PNG export, which rasterises the SVG through a data: URL.
 */
export function panelCsp(cspSource: string, nonce: string): string {
  return (
    [
      `default-src 'none'`,
      `img-src ${cspSource} data:`,
      `style-src ${cspSource} 'unsafe-inline'`,
      `font-src ${cspSource}`,
      `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    ].join('; ') + ';'
  );
}

export function renderPanelHtml(opts: PanelHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(opts.nonce))
    throw new Error('The panel nonce must be at least 16 letters or digits.');
  // VS Code's cspSource is a list of sources such as `'self' https://*.vscode-cdn.net`: keyword sources are
  // quoted, host sources are not; anything else (a `;`, a stray quote) could add a directive.
  const sources = opts.cspSource.split(/\s+/).filter(Boolean);
  if (sources.length === 0 || !sources.every((source) => source === "'self'" || /^[^\s;'",]+$/.test(source)))
    throw new Error('Unexpected characters in cspSource.');
  const nonce = escapeHtml(opts.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(panelCsp(opts.cspSource, opts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(opts.styleUri)}">
<title>${escapeHtml(opts.title ?? 'Roadmap')}</title>
</head>
<body>
<div id="root" class="root"></div>
<script type="module" nonce="${nonce}" src="${escapeHtml(opts.scriptUri)}"></script>
</body>
</html>
`;
}
