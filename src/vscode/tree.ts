// PLACEHOLDER: replaced by the tree view implementation.
import type * as vscode from 'vscode';
import type { RoadmapServices } from './services';

export class RoadmapTree implements vscode.Disposable {
  constructor(readonly services: RoadmapServices) {}
  dispose(): void {}
}
