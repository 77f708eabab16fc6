import * as vscode from 'vscode';
import type { RoadmapService } from './roadmapService';
import { plural } from '../core/plural';

/** "$(map) 34 features · 2 errors": click opens the roadmap. */
export function registerStatusBar(service: RoadmapService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('roadmap.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Roadmap';
  item.command = 'roadmap.openRoadmap';
  const update = () => {
    const enabled = vscode.workspace.getConfiguration('roadmap').get<boolean>('statusBar.enabled', true);
    // At a window's start, the last window's counts until its index is restored (see RoadmapService.summary).
    const { features: count, errors, warnings } = service.summary();
    if (!enabled || count === 0) {
      item.hide();
      return;
    }
    const problems = [errors ? `$(error) ${errors}` : '', warnings ? `$(warning) ${warnings}` : '']
      .filter(Boolean)
      .join(' ');
    // A format recognised with no config is named, so that nobody wonders where the rules came from.
    const detected = service.detectedPresets();
    const formats = [...new Set(detected.map(({ choice }) => choice.preset.title))].join(', ');
    item.text = `$(map) ${plural(count, 'feature')}${formats ? ` (${formats})` : ''}${problems ? ` ${problems}` : ''}`;
    item.tooltip = `Markdown Roadmap: ${plural(count, 'feature')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.${
      formats
        ? ` No .roadmap/config.yaml: recognised ${formats} (preset ${detected.map(({ choice }) => `'${choice.preset.name}'`).join(', ')}).`
        : ''
    } Click to open the roadmap.`;
    item.show();
  };
  const subscriptions = [
    item,
    service.onDidChange(update),
    vscode.workspace.onDidChangeConfiguration(
      (event) => event.affectsConfiguration('roadmap.statusBar') && update(),
    ),
  ];
  update();
  return vscode.Disposable.from(...subscriptions);
}
