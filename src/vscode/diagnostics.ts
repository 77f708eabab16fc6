// Diagnostics: validated on open and (debounced) on change, for the document's exact version. By default every
// feature file's problems are published, open or not, so that the status bar, VS Code's problem counter and
// the Problems panel tell one story; `roadmap.diagnostics.scope: openFiles` limits them to open files (then
// Validate Workspace publishes everything until the window closes). Cross-file results reach every
// affected file.
import * as vscode from 'vscode';
import { LineIndex } from '../core/lineIndex';
import type { Span } from '../core/types';
import { toDiagnostic, toRange, type PositionSource } from './convert';
import type { RoadmapService } from './roadmapService';

export const diagnosticsScopeSetting = 'roadmap.diagnostics.scope';

function diagnosticsScope(): 'workspace' | 'openFiles' {
  return vscode.workspace.getConfiguration('roadmap').get<string>('diagnostics.scope', 'workspace') ===
    'openFiles'
    ? 'openFiles'
    : 'workspace';
}

export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('roadmap');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  /** After Validate Workspace, every feature file keeps its diagnostics, open or not, whatever the scope. */
  private wholeWorkspace = false;

  constructor(private readonly service: RoadmapService) {
    this.disposables.push(
      service.onDidChange((change) => this.publishMany(change.uris)),
      vscode.workspace.onDidOpenTextDocument((document) => this.validateNow(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.cancel(document.uri);
        if (!this.publishesAll()) this.collection.delete(document.uri);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(diagnosticsScopeSetting)) void this.republish();
      }),
    );
  }

  /** Whether closed files keep (and get) their diagnostics. */
  private publishesAll(): boolean {
    return this.wholeWorkspace || diagnosticsScope() === 'workspace';
  }

  /** Publishes every feature file's diagnostics under the current scope, after a change of the scope setting. */
  private async republish(): Promise<void> {
    await this.service.whenIndexed();
    if (this.publishesAll()) {
      this.publishMany(this.allFiles());
      return;
    }
    this.collection.forEach((uri) => {
      if (!vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()))
        this.collection.delete(uri);
    });
  }

  /**
   * A window's start: once the index is built, validates the documents already open (an editor may hold unsaved
   * text). Every other file needs nothing more: the index's last change names every file, and its listener
   * published them all (RoadmapService.refresh); publishing them again cost 70-90 ms at 10,000 files.
   */
  async validateWhenIndexed(): Promise<void> {
    await this.service.whenIndexed();
    for (const document of vscode.workspace.textDocuments) this.validateNow(document);
  }

  /** Publishes every feature file's diagnostics, open or not, and keeps doing so. */
  async validateWorkspace(): Promise<number> {
    this.wholeWorkspace = true;
    await this.service.whenIndexed();
    return this.publishMany(this.allFiles());
  }

  /** Every indexed feature file, including those whose front-matter does not parse (they need it most). */
  private allFiles(): vscode.Uri[] {
    return this.service
      .folderStates()
      .flatMap((state) => state.index.files().map((file) => this.service.uriOf(state, file)));
  }

  private schedule(document: vscode.TextDocument): void {
    if (!this.service.isCandidate(document.uri)) return;
    this.cancel(document.uri);
    const delay = vscode.workspace.getConfiguration('roadmap').get<number>('validation.delay', 150);
    const version = document.version;
    this.timers.set(
      document.uri.toString(),
      setTimeout(() => {
        this.timers.delete(document.uri.toString());
        // A newer keystroke has its own timer; this one would validate text that is already gone.
        if (document.version === version && !document.isClosed) this.service.updateFromDocument(document);
      }, delay),
    );
  }

  private validateNow(document: vscode.TextDocument): void {
    if (document.uri.scheme === 'git' || !this.service.isCandidate(document.uri)) return;
    this.service.updateFromDocument(document);
    this.publish(document.uri);
  }

  private cancel(uri: vscode.Uri): void {
    const timer = this.timers.get(uri.toString());
    if (timer) clearTimeout(timer);
    this.timers.delete(uri.toString());
  }

  /**
   * Publishes many files' diagnostics (a whole workspace as it is indexed): the open documents and the scope
   * are looked up once, not per file.
   */
  private publishMany(uris: readonly vscode.Uri[]): number {
    const open = new Map(
      vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]),
    );
    const all = this.publishesAll();
    let count = 0;
    for (const uri of uris) count += this.publish(uri, open.get(uri.toString()), all);
    return count;
  }

  /** Sets (or clears) one file's diagnostics from the index. Returns how many it set. */
  private publish(
    uri: vscode.Uri,
    open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString()),
    publishesAll = this.publishesAll(),
  ): number {
    // Deleting what is not there would still send the workbench a message: thousands at start-up.
    const clear = () => {
      if (this.collection.has(uri)) this.collection.delete(uri);
      return 0;
    };
    if (!open && !publishesAll) return clear();
    const issues = this.service.issues(uri);
    if (issues.length === 0) return clear();
    // Spans index into the text the index parsed; for an open document that is its current text.
    const source: PositionSource =
      open && !open.isClosed ? open : (this.service.lineIndexOf(uri) ?? new LineIndex(''));
    this.collection.set(
      uri,
      issues.map((issue) => toDiagnostic(issue, source, (file, span) => this.locationOf(uri, file, span))),
    );
    return issues.length;
  }

  private locationOf(near: vscode.Uri, file: string, span: Span): vscode.Location {
    const state = this.service.folderStateOf(near);
    const uri = state ? this.service.uriOf(state, file) : near;
    const lines = this.service.lineIndexOf(uri);
    return new vscode.Location(uri, lines ? toRange(span, lines) : new vscode.Range(0, 0, 0, 0));
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
