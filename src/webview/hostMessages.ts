// The webview's gate for host messages. The host is trusted, but a message can still be stale, from another
// extension version, or simply malformed; anything that does not have exactly the expected shape is ignored
// rather than half-rendered.
import { isCalendarDate } from '../core/plan/calendar';
import { decodeFeatures, decodeModel } from '../shared/modelWire';
import {
  isSavedView,
  type BodyBlock,
  type FeatureDetails,
  type FeatureView,
  type GoalView,
  type HostMessage,
  type MilestoneView,
  type ModelPart,
  type RoadmapModel,
  type StatusView,
  type ViewName,
} from '../shared/protocol';

export const viewNames: readonly ViewName[] = [
  'timeline',
  'board',
  'horizons',
  'moscow',
  'priority',
  'dependencies',
];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isOptional<T>(value: unknown, check: (v: unknown) => v is T): boolean {
  return value === undefined || check(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isString);
}

export function isViewName(value: unknown): value is ViewName {
  return typeof value === 'string' && (viewNames as readonly string[]).includes(value);
}

const moscowValues: readonly unknown[] = ['must', 'should', 'could', 'wont'];
const categories: readonly unknown[] = ['todo', 'doing', 'done'];

function isFeature(value: unknown): value is FeatureView {
  if (!isObject(value)) return false;
  const tasks = value.tasks;
  const problems = value.problems;
  return (
    isString(value.file) &&
    isString(value.revision) &&
    isString(value.id) &&
    isString(value.title) &&
    isString(value.status) &&
    (value.moscow === undefined || moscowValues.includes(value.moscow)) &&
    isOptional(value.score, isFiniteNumber) &&
    isOptional(value.rank, isFiniteNumber) &&
    isOptional(value.reach, isFiniteNumber) &&
    isOptional(value.impact, isFiniteNumber) &&
    isOptional(value.confidence, isFiniteNumber) &&
    isOptional(value.effort, isFiniteNumber) &&
    isOptional(value.owner, isString) &&
    isOptional(value.team, isString) &&
    isOptional(value.milestone, isString) &&
    isOptional(value.quarter, isString) &&
    isOptional(value.start, isString) &&
    isOptional(value.end, isString) &&
    isStringArray(value.dependsOn) &&
    isOptional(value.goal, isString) &&
    isStringArray(value.tags) &&
    isOptional(value.progress, isFiniteNumber) &&
    (tasks === undefined || (isObject(tasks) && isFiniteNumber(tasks.done) && isFiniteNumber(tasks.total))) &&
    isObject(problems) &&
    isFiniteNumber(problems.errors) &&
    isFiniteNumber(problems.warnings)
  );
}

function isStatus(value: unknown): value is StatusView {
  return (
    isObject(value) && isString(value.id) && isString(value.title) && categories.includes(value.category)
  );
}

function isMilestone(value: unknown): value is MilestoneView {
  return isObject(value) && isString(value.id) && isString(value.title) && isOptional(value.date, isString);
}

function isGoal(value: unknown): value is GoalView {
  return isObject(value) && isString(value.id) && isString(value.title);
}

function isInlines(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (part) =>
        isObject(part) &&
        isString(part.text) &&
        (part.style === undefined ||
          part.style === 'strong' ||
          part.style === 'emphasis' ||
          part.style === 'code') &&
        isOptional(part.href, isString),
    )
  );
}

function isBlock(value: unknown): value is BodyBlock {
  if (!isObject(value)) return false;
  switch (value.kind) {
    case 'heading':
      return isFiniteNumber(value.depth) && isInlines(value.text);
    case 'paragraph':
    case 'quote':
      return isInlines(value.text);
    case 'code':
      return isString(value.text);
    case 'rule':
      return true;
    case 'list':
      return (
        typeof value.ordered === 'boolean' &&
        Array.isArray(value.items) &&
        value.items.every(
          (item) =>
            isObject(item) &&
            isInlines(item.text) &&
            (item.checked === undefined || typeof item.checked === 'boolean'),
        )
      );
    default:
      return false;
  }
}

function isDetails(value: unknown): value is FeatureDetails {
  return (
    isObject(value) &&
    isString(value.file) &&
    isString(value.formula) &&
    isOptional(value.scoreExplanation, isString) &&
    Array.isArray(value.body) &&
    value.body.every(isBlock) &&
    Array.isArray(value.evidence) &&
    value.evidence.every((link) => isObject(link) && isString(link.url) && isOptional(link.note, isString))
  );
}

export function isRoadmapModel(value: unknown): value is RoadmapModel {
  return (
    isObject(value) &&
    Array.isArray(value.features) &&
    value.features.every(isFeature) &&
    Array.isArray(value.statuses) &&
    value.statuses.every(isStatus) &&
    Array.isArray(value.milestones) &&
    value.milestones.every(isMilestone) &&
    Array.isArray(value.goals) &&
    value.goals.every(isGoal) &&
    (value.scoringModel === 'rice' || value.scoringModel === 'ice' || value.scoringModel === 'wsjf') &&
    isFiniteNumber(value.mustBudget) &&
    isString(value.today) &&
    isCalendarDate(value.today) &&
    (value.capacity === undefined ||
      (isObject(value.capacity) &&
        Object.values(value.capacity).every(
          (periods) => isObject(periods) && Object.values(periods).every(isFiniteNumber),
        ))) &&
    (value.needsRepair === undefined ||
      (Array.isArray(value.needsRepair) &&
        value.needsRepair.every(
          (entry) => isObject(entry) && isString(entry.file) && isString(entry.message),
        )))
  );
}

function isModelPart(value: unknown): value is ModelPart {
  return (
    isObject(value) &&
    Number.isSafeInteger(value.serial) &&
    Number.isSafeInteger(value.pending) &&
    (value.pending as number) >= 0 &&
    Number.isSafeInteger(value.stride) &&
    Number.isSafeInteger(value.residue) &&
    (value.residue as number) >= 0 &&
    (value.residue as number) < (value.stride as number)
  );
}

/**
 * The serial of a model on the wire (EncodedModelMessage) when it names one, read without decoding the model:
 * the host posts a new page's first model while the page loads and again after its 'ready'.
 */
export function encodedModelSerial(data: unknown): number | undefined {
  return isObject(data) && data.type === 'encodedModel' && isModelPart(data.part)
    ? data.part.serial
    : undefined;
}

/**
 * A message as it came off the wire, with an encoded model (EncodedModelMessage) or encoded features
 * (EncodedFeaturesMessage) decoded into the 'model' or 'modelFeatures' message it stands for; anything else
 * unchanged. Still to be checked with isHostMessage.
 */
export function decodeWireMessage(data: unknown): unknown {
  if (!isObject(data) || (data.type !== 'encodedModel' && data.type !== 'encodedFeatures')) return data;
  const bytes = data.json;
  if (!(bytes instanceof Uint8Array || bytes instanceof ArrayBuffer)) return undefined;
  const part = data.part === undefined ? {} : { part: data.part };
  if (data.type === 'encodedFeatures') {
    const features = decodeFeatures(bytes);
    return features === undefined ? undefined : { type: 'modelFeatures', features, ...part };
  }
  const model = decodeModel(bytes);
  return model === undefined ? undefined : { type: 'model', model, ...part };
}

export function isHostMessage(value: unknown): value is HostMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'model':
      return isRoadmapModel(value.model) && isOptional(value.part, isModelPart);
    case 'modelFeatures':
      return Array.isArray(value.features) && value.features.every(isFeature) && isModelPart(value.part);
    case 'focus':
      return isString(value.id);
    case 'showView':
      return isViewName(value.view);
    case 'writeResult':
      return (
        isString(value.file) &&
        typeof value.ok === 'boolean' &&
        isOptional(value.message, isString) &&
        isOptional(value.edit, isFiniteNumber)
      );
    case 'details':
      return isDetails(value.details);
    case 'restoreState':
      return isObject(value.state);
    case 'savedViews':
      return Array.isArray(value.views) && value.views.every(isSavedView);
    case 'applyView':
      return isString(value.name);
    case 'insights':
      return (
        Array.isArray(value.tasks) &&
        value.tasks.every(
          (entry) =>
            isObject(entry) &&
            isString(entry.file) &&
            isFiniteNumber(entry.done) &&
            isFiniteNumber(entry.total),
        )
      );
    default:
      return false;
  }
}
