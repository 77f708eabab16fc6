// The one place where core data becomes VS Code data.
import * as vscode from 'vscode';
import { ruleDocsUrl } from '../core/schema';
import type { Issue, Severity, Span } from '../core/types';

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Anything that maps offsets to positions: an open TextDocument, the index's LineIndex or FrontmatterLines. */
export type PositionSource =
  | Pick<vscode.TextDocument, 'positionAt'>
  | { positionAt(offset: number): { line: number; character: number } };

export function toRange(span: Span, source: PositionSource): vscode.Range {
  const start = source.positionAt(span.start);
  const end = source.positionAt(span.end);
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

/** Issue data travels with the diagnostic so that quick fixes need not re-validate. */
export interface RoadmapDiagnostic extends vscode.Diagnostic {
  issue: Issue;
}

export function toDiagnostic(
  issue: Issue,
  source: PositionSource,
  relatedLocation: (file: string, span: Span) => vscode.Location,
): RoadmapDiagnostic {
  const diagnostic = new vscode.Diagnostic(
    toRange(issue.span, source),
    issue.message,
    severities[issue.severity],
  ) as RoadmapDiagnostic;
  diagnostic.source = 'roadmap';
  diagnostic.code = { value: issue.code, target: vscode.Uri.parse(ruleDocsUrl(issue.code)) };
  diagnostic.issue = issue;
  if (issue.data?.related) {
    diagnostic.relatedInformation = issue.data.related.map(
      (related) =>
        new vscode.DiagnosticRelatedInformation(relatedLocation(related.file, related.span), related.message),
    );
  }
  return diagnostic;
}

export function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}
