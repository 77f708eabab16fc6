// package.json's `contributes` is the contract with VS Code: the commands it lists must be the ones the code
// registers (src/vscode/commandIds.ts), in the Roadmap category, and menus may only name real commands.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { configPath } from '../../src/core/config';
import { signatureGlobs } from '../../src/core/presets/presets';
import { commandIds, contextKeys, featuresViewId, historyCommandIds } from '../../src/vscode/commandIds';

interface CommandContribution {
  command: string;
  title?: string;
  category?: string;
}

interface MenuEntry {
  command?: string;
  submenu?: string;
  when?: string;
}

interface Manifest {
  activationEvents?: string[];
  contributes: {
    commands: CommandContribution[];
    menus: Record<string, MenuEntry[]>;
    views: Record<string, { id: string }[]>;
    viewsWelcome?: { view: string; contents: string }[];
    walkthroughs?: { steps: { description: string }[] }[];
  };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const contributed = manifest.contributes.commands;
const contributedIds = contributed.map((entry) => entry.command);
const codeIds: string[] = [...Object.values(commandIds), ...Object.values(historyCommandIds)];

describe('package.json commands and src/vscode/commandIds.ts', () => {
  test('every contributed command is registered by the code', () => {
    assert.deepEqual(
      contributedIds.filter((id) => !codeIds.includes(id)),
      [],
    );
  });

  test('every command the code registers is contributed', () => {
    assert.deepEqual(
      codeIds.filter((id) => !contributedIds.includes(id)),
      [],
    );
  });

  test('no command is contributed or defined twice', () => {
    assert.equal(new Set(contributedIds).size, contributedIds.length);
    assert.equal(new Set(codeIds).size, codeIds.length);
  });

  test('every command has a title and the category "Roadmap"', () => {
    for (const entry of contributed) {
      assert.ok(entry.title?.trim(), `${entry.command} has a title`);
      assert.equal(entry.category, 'Roadmap', `${entry.command} is in the Roadmap category`);
    }
  });
});

describe('package.json menus and views', () => {
  const menuEntries = Object.entries(manifest.contributes.menus).flatMap(([menu, entries]) =>
    entries.map((entry) => ({ menu, ...entry })),
  );

  test('every command a menu names exists', () => {
    const unknown = menuEntries.filter(
      (entry) => entry.command !== undefined && !contributedIds.includes(entry.command),
    );
    assert.deepEqual(
      unknown.map((entry) => `${entry.menu}: ${entry.command}`),
      [],
    );
  });

  test('tree menus are scoped to the Roadmap view by the view id the code uses', () => {
    for (const entry of menuEntries.filter((candidate) => candidate.menu.startsWith('view/'))) {
      assert.match(
        entry.when ?? '',
        new RegExp(`\\bview == ${featuresViewId.replace('.', '\\.')}\\b`),
        `${entry.command}`,
      );
    }
    const views = Object.values(manifest.contributes.views).flat();
    assert.ok(views.some((view) => view.id === featuresViewId));
  });

  test('the context key the tree sets is the one the Clear Filter menu reads', () => {
    const clearFilter = menuEntries.find(
      (entry) => entry.menu === 'view/title' && entry.command === commandIds.treeClearFilter,
    );
    assert.match(
      clearFilter?.when ?? '',
      new RegExp(`\\b${contextKeys.treeFiltered.replace('.', '\\.')}\\b`),
    );
  });

  test('command links in the welcome view and the walkthrough name real commands', () => {
    const texts = [
      ...(manifest.contributes.viewsWelcome ?? []).map((welcome) => welcome.contents),
      ...(manifest.contributes.walkthroughs ?? []).flatMap((walkthrough) =>
        walkthrough.steps.map((step) => step.description),
      ),
    ];
    for (const text of texts) {
      for (const [, id] of text.matchAll(/\(command:([\w.]+)\)/g))
        assert.ok(contributedIds.includes(id), `links to ${id}`);
    }
  });
});

describe('package.json activation events', () => {
  // A path with no glob character is checked by VS Code with one stat at start; a glob costs a file search.
  const exactPaths = (manifest.activationEvents ?? [])
    .filter((event) => event.startsWith('workspaceContains:'))
    .map((event) => event.slice('workspaceContains:'.length))
    .filter((path) => !/[*?[{]/.test(path));

  test('every exact workspaceContains path is the config file or a format signature the presets detect', () => {
    assert.ok(exactPaths.includes(configPath));
    for (const path of exactPaths)
      assert.ok(path === configPath || signatureGlobs.includes(path), `${path} is neither`);
  });
});
