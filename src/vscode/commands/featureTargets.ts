// Which feature files a command acts on, and the one way the feature commands write to them. Shared by every
// command that takes a feature (the tree's context menu, the palette on the active editor, an id argument).
import * as vscode from 'vscode';
import { defaultConfig, type RoadmapConfig } from '../../core/config';
import type { Feature } from '../../core/types';
import type { RoadmapServices } from '../services';
import { isFeatureNode } from '../treeNodes';
import type { FieldChange } from '../writer';

export class FeatureTargets {
  constructor(private readonly services: RoadmapServices) {}

  private get service() {
    return this.services.service;
  }

  /**
   * The feature files a command acts on: the tree's selection (VS Code passes the clicked node and the
   * selected nodes), a Uri, a feature id, or else the active editor's file. Reports when there is none.
   */
  resolve(target: unknown, selection?: unknown): vscode.Uri[] | undefined {
    let uris: vscode.Uri[];
    if (Array.isArray(target) && target.length > 0) {
      // Several features at once (tests and keybindings): each entry is a node, a Uri or an id.
      const resolved = target.map((entry: unknown) => this.resolve(entry));
      return resolved.every((entry) => entry !== undefined) ? resolved.flat() : undefined;
    }
    if (isFeatureNode(target)) {
      const selected = Array.isArray(selection) ? selection.filter(isFeatureNode) : [];
      uris = selected.some((node) => node.uri.toString() === target.uri.toString())
        ? selected.map((node) => node.uri)
        : [target.uri];
    } else if (target instanceof vscode.Uri) {
      uris = [target];
    } else if (typeof target === 'string') {
      uris = this.service.findById(target).map((entry) => entry.uri);
      if (uris.length !== 1) {
        void vscode.window.showErrorMessage(
          uris.length === 0
            ? `Roadmap: no feature has the id '${target}'.`
            : `Roadmap: ${uris.length} features have the id '${target}'; pick one in the Roadmap view.`,
        );
        return undefined;
      }
    } else {
      const active = vscode.window.activeTextEditor?.document.uri;
      if (!active || !this.service.lookup(active)) {
        void vscode.window.showErrorMessage(
          'Roadmap: open a feature file, or pick a feature in the Roadmap view, first.',
        );
        return undefined;
      }
      uris = [active];
    }
    const notFeature = uris.find((uri) => !this.service.lookup(uri)?.parsed.isFeature);
    if (notFeature) {
      void vscode.window.showErrorMessage(
        `Roadmap: ${vscode.workspace.asRelativePath(notFeature)} is not a feature file (Markdown with front-matter under a roadmap folder).`,
      );
      return undefined;
    }
    return uris;
  }

  featureOf(uri: vscode.Uri): Feature | undefined {
    return this.service.lookup(uri)?.parsed.feature;
  }

  configOf(uri: vscode.Uri): RoadmapConfig {
    return this.service.folderStateOf(uri)?.index.config ?? defaultConfig();
  }

  /** Writes the same changes to each file; refusals are reported, not thrown. True when all succeeded. */
  async writeEach(
    uris: readonly vscode.Uri[],
    changes: readonly FieldChange[],
    what: string,
  ): Promise<boolean> {
    let allWritten = true;
    for (const uri of uris) {
      const result = await this.services.writer.setFields(uri, changes);
      if (!result.ok) {
        allWritten = false;
        void vscode.window.showWarningMessage(
          `Roadmap: could not set ${what} of ${vscode.workspace.asRelativePath(uri)}: ${result.reason}`,
        );
      }
    }
    return allWritten;
  }
}

/** An object argument (not a Uri, not a list): the shape commands take their answers in. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof vscode.Uri)
  );
}
