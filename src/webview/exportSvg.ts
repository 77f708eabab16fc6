// Standalone SVG for export. An exported file leaves the webview, where the --vscode-* variables do not
// exist, so colours are resolved from the current theme at export time and written as plain values.
import type { FeatureView } from '../shared/protocol';
import { s } from './dom';
import { truncate } from './mermaidText';

export interface Palette {
  background: string;
  foreground: string;
  muted: string;
  border: string;
  surface: string;
  accent: string;
  todo: string;
  doing: string;
  done: string;
  error: string;
  warning: string;
  font: string;
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

export function themePalette(): Palette {
  return {
    background: cssVar('--vscode-editor-background', '#ffffff'),
    foreground: cssVar('--vscode-editor-foreground', cssVar('--vscode-foreground', '#1f1f1f')),
    muted: cssVar('--vscode-descriptionForeground', '#717171'),
    border: cssVar('--vscode-panel-border', '#d0d0d0'),
    surface: cssVar('--vscode-editorWidget-background', '#f3f3f3'),
    accent: cssVar('--vscode-focusBorder', '#0078d4'),
    todo: cssVar('--vscode-charts-blue', '#1a85ff'),
    doing: cssVar('--vscode-charts-orange', '#d18616'),
    done: cssVar('--vscode-charts-green', '#388a34'),
    error: cssVar('--vscode-errorForeground', '#e51400'),
    warning: cssVar('--vscode-editorWarning-foreground', '#bf8803'),
    font: themeFont(),
  };
}

/** The theme's user-interface font (the panel's text, and the charts'). */
export function themeFont(): string {
  return cssVar('--vscode-font-family', 'sans-serif');
}

export function svgRoot(width: number, height: number, palette: Palette): SVGSVGElement {
  const root = s('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    'font-family': palette.font,
    'font-size': 12,
  });
  root.append(s('rect', { x: 0, y: 0, width, height, fill: palette.background }));
  return root;
}

export interface SvgColumn {
  title: string;
  features: readonly FeatureView[];
  note?: string;
}

/** Columns of cards (board, horizons, MoSCoW) drawn as an SVG picture. */
export function columnsSvg(
  title: string,
  columns: readonly SvgColumn[],
  palette: Palette,
  colourOf: (feature: FeatureView) => string,
): SVGSVGElement {
  const columnWidth = 220;
  const gap = 16;
  const cardHeight = 44;
  const headerHeight = 56;
  const tallest = Math.max(1, ...columns.map((column) => column.features.length));
  const width = gap + columns.length * (columnWidth + gap);
  const height = headerHeight + 34 + tallest * (cardHeight + 8) + gap;
  const root = svgRoot(Math.max(width, 320), height, palette);
  root.append(
    s('text', { x: gap, y: 28, fill: palette.foreground, 'font-size': 16, 'font-weight': 600 }, title),
  );
  columns.forEach((column, i) => {
    const x = gap + i * (columnWidth + gap);
    root.append(
      s('rect', {
        x,
        y: headerHeight - 8,
        width: columnWidth,
        height: height - headerHeight,
        rx: 6,
        fill: palette.surface,
      }),
      s(
        'text',
        { x: x + 10, y: headerHeight + 12, fill: palette.foreground, 'font-weight': 600 },
        truncate(`${column.title} (${column.features.length})`, 30),
      ),
    );
    if (column.note) {
      root.append(
        s(
          'text',
          { x: x + 10, y: headerHeight + 26, fill: palette.muted, 'font-size': 10 },
          truncate(column.note, 36),
        ),
      );
    }
    column.features.forEach((feature, row) => {
      const y = headerHeight + 34 + row * (cardHeight + 8);
      root.append(
        s('rect', {
          x: x + 8,
          y,
          width: columnWidth - 16,
          height: cardHeight,
          rx: 4,
          fill: palette.background,
          stroke: palette.border,
        }),
        s('rect', { x: x + 8, y, width: 4, height: cardHeight, fill: colourOf(feature) }),
        s('text', { x: x + 18, y: y + 17, fill: palette.muted, 'font-size': 10 }, truncate(feature.id, 30)),
        s('text', { x: x + 18, y: y + 33, fill: palette.foreground }, truncate(feature.title, 30)),
      );
    });
  });
  return root;
}

export function serializeSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(copy);
}

/** Rasterises SVG markup at 2x through a data: image (the CSP allows data: images; blob: is not allowed). */
export function svgToPng(markup: string, width: number, height: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      const scale = 2;
      canvas.width = Math.max(1, Math.ceil(width * scale));
      canvas.height = Math.max(1, Math.ceil(height * scale));
      const context = canvas.getContext('2d');
      if (!context) {
        reject(new Error('Canvas is not available.'));
        return;
      }
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, width, height);
      try {
        resolve(canvas.toDataURL('image/png'));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    image.onerror = () => reject(new Error('The SVG could not be rasterised.'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  });
}

export function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const viewBox = svg.viewBox.baseVal;
  const width = Number(svg.getAttribute('width')) || viewBox?.width || 800;
  const height = Number(svg.getAttribute('height')) || viewBox?.height || 600;
  return { width, height };
}

export function categoryColour(palette: Palette, category: 'todo' | 'doing' | 'done'): string {
  return category === 'done' ? palette.done : category === 'doing' ? palette.doing : palette.todo;
}
