// The quick picks and input boxes the wizard and the feature commands share. Every scale comes from the
// schema's rubrics, so the prompts explain a value the same way completion and hover do.
import * as vscode from 'vscode';
import type { RoadmapConfig } from '../core/config';
import { fieldValueProblem } from '../core/fieldValue';
import { confidenceRubric, impactRubric, moscowRubric, type RubricEntry } from '../core/schema';
import type { Moscow } from '../core/types';

export interface ValuedItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface StepOptions {
  /** The title bar text, such as "New Feature (3/8)". */
  title?: string;
  placeHolder?: string;
}

/** Shows a quick pick and returns the chosen item's value; undefined when cancelled. */
export async function pickValue<T>(
  items: readonly ValuedItem<T>[],
  options: StepOptions & { current?: T } = {},
): Promise<T | undefined> {
  const ordered = [...items];
  // The current value first, so that Enter keeps it.
  const currentIndex = ordered.findIndex((item) => item.value === options.current);
  if (currentIndex > 0) ordered.unshift(...ordered.splice(currentIndex, 1));
  const picked = await vscode.window.showQuickPick(ordered, {
    title: options.title,
    placeHolder: options.placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.value;
}

const currentMark = (isCurrent: boolean) => (isCurrent ? ' (current)' : '');

export function statusItems(config: RoadmapConfig, current?: string): ValuedItem<string>[] {
  return config.statuses.map((status) => ({
    value: status.id,
    label: status.title,
    description: `${status.id} · ${status.category}${currentMark(status.id === current)}`,
  }));
}

export function moscowItems(current?: Moscow): ValuedItem<Moscow>[] {
  return moscowRubric.map((entry) => ({
    value: entry.value as Moscow,
    label: entry.label,
    description: `${entry.value}${currentMark(entry.value === current)}`,
    detail: entry.meaning,
  }));
}

function rubricItems(
  rubric: readonly RubricEntry[],
  format: (value: number) => string,
  current?: number,
): ValuedItem<number>[] {
  return rubric.map((entry) => ({
    value: entry.value,
    // "2 · High — A big, noticeable improvement."
    label: `${format(entry.value)} · ${entry.label}`,
    description: `— ${entry.meaning}${currentMark(entry.value === current)}`,
  }));
}

export const impactItems = (current?: number) => rubricItems(impactRubric, String, current);
export const confidenceItems = (current?: number) =>
  rubricItems(confidenceRubric, (value) => `${value}%`, current);

export function milestoneItems(config: RoadmapConfig, current?: string): ValuedItem<string | undefined>[] {
  return [
    ...config.milestones.map((milestone) => ({
      value: milestone.id as string | undefined,
      label: milestone.id,
      description: `${milestone.title === milestone.id ? '' : milestone.title}${milestone.date ? ` · ${milestone.date}` : ''}${currentMark(milestone.id === current)}`,
    })),
    { value: undefined, label: 'No milestone' },
  ];
}

export interface NumberInputOptions extends StepOptions {
  prompt: string;
  current?: number;
  /** The front-matter field the number goes to, such as ['rice', 'effort']: validation decides what fits. */
  field: readonly string[];
  config: RoadmapConfig;
}

/** Asks for a number; undefined when cancelled. */
export async function inputNumber(options: NumberInputOptions): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: options.title,
    prompt: options.prompt,
    placeHolder: options.placeHolder,
    value: options.current === undefined ? undefined : String(options.current),
    validateInput: (value) => numberProblem(value, options.field, options.config),
  });
  return text === undefined ? undefined : Number(text.trim());
}

/** Why a typed text is not a number this field accepts (the validator's own message), or undefined. */
export function numberProblem(
  text: string,
  field: readonly string[],
  config: RoadmapConfig,
): string | undefined {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) return 'Enter a number.';
  return fieldValueProblem(field, value, config);
}
