import * as vscode from 'vscode';

/** The "Markdown Roadmap" output channel: what was indexed, what was skipped and why. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Markdown Roadmap', { log: true });

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  error(message: string, error?: unknown): void {
    this.channel.error(error instanceof Error ? `${message}: ${error.stack ?? error.message}` : message);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
