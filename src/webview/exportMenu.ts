// The toolbar's Export menu. The webview only produces the content (SVG markup, a PNG data URL or Mermaid
// source); the host decides where it goes (save dialog, clipboard), since a webview cannot write files.
import type { RoadmapExportFormat, ViewName, WebviewMessage } from '../shared/protocol';
import { h } from './dom';
import { serializeSvg, svgSize, svgToPng } from './exportSvg';
import type { RenderedView } from './views/viewTypes';

type Format = 'svg' | 'png' | 'mermaid';

const items: { format: Format; title: string }[] = [
  { format: 'svg', title: 'This view as SVG image' },
  { format: 'png', title: 'This view as PNG image' },
  { format: 'mermaid', title: 'This view as Mermaid source' },
];

/** The Export Roadmap command's formats, so the menu and the command offer the same choices. */
const roadmapItems: { format: RoadmapExportFormat; title: string }[] = [
  { format: 'mermaid-gantt', title: 'Roadmap as Mermaid Gantt' },
  { format: 'mermaid-timeline', title: 'Roadmap as Mermaid timeline' },
  { format: 'markdown', title: 'Roadmap as Markdown' },
  { format: 'csv', title: 'Roadmap as CSV' },
  { format: 'json', title: 'Roadmap as JSON' },
  { format: 'html', title: 'Roadmap as HTML page' },
];

export async function exportContent(rendered: RenderedView, format: Format): Promise<string> {
  if (format === 'mermaid') {
    if (!rendered.toMermaid) throw new Error('This view has no Mermaid form.');
    return rendered.toMermaid();
  }
  if (!rendered.toSvg) throw new Error('This view has no image form.');
  const svg = await rendered.toSvg();
  const markup = serializeSvg(svg);
  if (format === 'svg') return markup;
  const { width, height } = svgSize(svg);
  return svgToPng(markup, width, height);
}

export class ExportMenu {
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly menu: HTMLElement;

  constructor(
    private readonly current: () => { view: ViewName; rendered: RenderedView } | undefined,
    private readonly post: (message: WebviewMessage) => void,
    private readonly fail: (message: string) => void,
  ) {
    this.button = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'aria-haspopup': 'menu',
        'aria-expanded': 'false',
        'aria-controls': 'export-menu',
        'data-action': 'export',
      },
      'Export ▾',
    );
    this.menu = h('ul', {
      class: 'menu',
      id: 'export-menu',
      role: 'menu',
      'aria-label': 'Export',
      hidden: true,
    });
    for (const item of items) {
      const entry = h('li', { role: 'menuitem', tabindex: -1, 'data-export': item.format }, item.title);
      entry.addEventListener('click', () => this.choose(item.format));
      this.menu.append(entry);
    }
    this.menu.append(h('li', { role: 'separator', class: 'menu-separator' }));
    for (const item of roadmapItems) {
      const entry = h(
        'li',
        { role: 'menuitem', tabindex: -1, 'data-export-roadmap': item.format },
        item.title,
      );
      entry.addEventListener('click', () => this.chooseRoadmap(item.format));
      this.menu.append(entry);
    }
    this.element = h('div', { class: 'menu-anchor' }, this.button, this.menu);
    this.button.addEventListener('click', () => (this.menu.hidden ? this.open(0) : this.close(true)));
    this.button.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.open(event.key === 'ArrowDown' ? 0 : items.length + roadmapItems.length - 1);
      }
    });
    this.menu.addEventListener('keydown', (event) => this.onMenuKey(event));
    document.addEventListener('pointerdown', (event) => {
      if (!this.menu.hidden && event.target instanceof Node && !this.element.contains(event.target))
        this.close(false);
    });
  }

  private entries(): HTMLElement[] {
    return [...this.menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  }

  private open(index: number): void {
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.entries()[index]?.focus();
  }

  private close(focusButton: boolean): void {
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (focusButton) this.button.focus();
  }

  private onMenuKey(event: KeyboardEvent): void {
    const entries = this.entries();
    const index = entries.indexOf(document.activeElement as HTMLElement);
    const move = (to: number): void => entries[(to + entries.length) % entries.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'ArrowUp':
        move(index - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(entries.length - 1);
        break;
      case 'Escape':
      case 'Tab':
        this.close(event.key === 'Escape');
        if (event.key === 'Tab') return;
        break;
      case 'Enter':
      case ' ': {
        const format = entries[index]?.getAttribute('data-export');
        if (format === 'svg' || format === 'png' || format === 'mermaid') this.choose(format);
        const roadmap = roadmapItems.find(
          (item) => item.format === entries[index]?.getAttribute('data-export-roadmap'),
        );
        if (roadmap) this.chooseRoadmap(roadmap.format);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  }

  private chooseRoadmap(format: RoadmapExportFormat): void {
    this.close(true);
    this.post({ type: 'exportRoadmap', format });
  }

  private choose(format: Format): void {
    this.close(true);
    const current = this.current();
    if (!current) return;
    exportContent(current.rendered, format).then(
      (content) => this.post({ type: 'export', format, view: current.view, content }),
      (error: unknown) =>
        this.fail(`Export failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}
