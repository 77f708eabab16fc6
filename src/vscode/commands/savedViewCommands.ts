// Commands of the panel as a workspace: open a saved view from the palette or the tree, and copy the CI
// workflow the walkthrough shows (read from the walkthrough's own page, so the two never differ).
import * as vscode from 'vscode';
import { savedViewsPath } from '../../core/savedViews';
import { pickValue } from '../pickers';
import type { RoadmapServices } from '../services';

export async function openSavedView(services: RoadmapServices, name: unknown): Promise<boolean> {
  const views = services.panel.savedViews.views();
  const chosen =
    typeof name === 'string' && views.some((view) => view.name === name)
      ? name
      : views.length === 0
        ? undefined
        : await pickValue(
            views.map((view) => ({ value: view.name, label: view.name, description: view.view })),
            { title: 'Open Saved View' },
          );
  if (views.length === 0) {
    void vscode.window.showInformationMessage(
      `Roadmap: no saved views yet. In the roadmap panel, Views ▾ → Save current view… adds one to ${savedViewsPath}.`,
    );
    return false;
  }
  if (!chosen) return false;
  await services.panel.open({ savedView: chosen });
  return true;
}

export async function copyCiWorkflow(services: RoadmapServices): Promise<string | undefined> {
  const page = vscode.Uri.joinPath(services.context.extensionUri, 'media', 'walkthrough', 'ci.md');
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(page));
  const workflow = /```yaml\n([\s\S]*?)```/.exec(text)?.[1];
  if (!workflow) return undefined;
  await vscode.env.clipboard.writeText(workflow);
  void vscode.window.showInformationMessage(
    'Roadmap: the CI workflow is on the clipboard. Save it as .github/workflows/roadmap.yml, and add markdown-roadmap as a devDependency.',
  );
  return workflow;
}
