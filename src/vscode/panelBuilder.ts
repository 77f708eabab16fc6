// The roadmap panel's model, built from the index for the page: whole, or in the parts a large one is posted
// in (src/shared/modelWire.ts), one slice of the extension host's thread at a time; with what the panel works
// out once per parse of a file (the revision the writer checks, the task-list counts). It builds and counts;
// the panel (./panel.ts) decides when, and posts.
import type { analyzeBody } from '../core/body';
import type { FeatureFile } from '../core/featureFile';
import type { Feature } from '../core/types';
import { localToday } from '../core/plan/calendar';
import { metadataRevision } from '../core/revision';
import { quickTaskCount, type TaskCount } from '../core/taskCount';
import { rankByScore } from '../core/roadmapModel';
import { buildRoadmapModel } from '../core/viewModel';
import { encodeFeatures, encodeModel, joinParts, partStride } from '../shared/modelWire';
import type {
  EncodedFeaturesMessage,
  EncodedModelMessage,
  RoadmapModel,
  TaskInsight,
} from '../shared/protocol';
import type { Log } from './log';
import { combineFolderModels, folderPrefixes, type FileRef, type FolderModel } from './panelModel';
import type { FolderState, RoadmapService } from './roadmapService';

/** The panel's long loops (a model build, counting tasks) work in slices this long, then let the host run. */
const sliceMs = 10;

/**
 * A checkpoint for a long loop on the extension host's one thread: resolves at once within a slice, and after
 * a macrotask once the slice is used up, so the tree, the status bar, typing and the messages already queued
 * for the workbench (the new panel's page) go first. Awaiting only promises never lets them run.
 */
function slicer(): () => Promise<void> | undefined {
  let sliceStart = Date.now();
  return () => {
    if (Date.now() - sliceStart < sliceMs) return undefined;
    return new Promise((resolve) =>
      setTimeout(() => {
        sliceStart = Date.now();
        resolve();
      }, 0),
    );
  };
}

export interface BuiltModel {
  model: RoadmapModel;
  files: Map<string, FileRef<FolderState>>;
}

/** A part of the model as it goes on the wire: its features (with the model for part 0), and their bytes. */
export interface EncodedPart extends BuiltModel {
  json: Uint8Array;
}

/**
 * A model being built in the parts it is posted in (see partStride in modelWire.ts; one part when it goes
 * whole): part 0 first, a sample of every stride-th feature with the rest of the model, then the other
 * residues. Each is built and encoded in turn, one slice of the extension host's thread at a time, so that
 * the page's 'ready' and the posts are never held up by the build.
 */
export interface ModelBuild {
  /** The whole model's features (part 0's model has only its own). */
  total: number;
  parts: Promise<EncodedPart>[];
  /** When the build started, for the log. */
  started: number;
  /** The serial its first part was posted under while the page loaded (postEarly), kept when posted again. */
  serial?: number;
}

/** What the panel worked out for one parse of a file (the index parses a file again whenever it changes). */
interface FileFacts {
  revision: string;
  /** The body's task counts, once counted. */
  tasks?: TaskCount;
}

/** The message that carries part `residue` of a model built in `build.parts.length` parts. */
export function partMessage(
  build: ModelBuild,
  residue: number,
  part: EncodedPart,
  serial: number,
  pending: number,
): EncodedModelMessage | EncodedFeaturesMessage {
  const info = { serial, stride: build.parts.length, residue, pending };
  return residue === 0
    ? { type: 'encodedModel', json: part.json, part: info }
    : { type: 'encodedFeatures', json: part.json, part: info };
}

/** The whole model from its parts (their features joined in model order); undefined if they do not fit. */
export function wholeModel(parts: readonly EncodedPart[]): BuiltModel | undefined {
  const [first] = parts;
  if (!first || parts.length === 1) return first;
  const features = joinParts(parts.map((part) => part.model.features));
  if (!features) return undefined;
  const files = new Map(parts.flatMap((part) => [...part.files]));
  return { model: { ...first.model, features }, files };
}

export class PanelModelBuilder {
  /**
   * Per parse of a file (dropped with it): what the panel worked out, so that a re-open, or a model after one
   * edit, hashes and counts nothing else.
   */
  private readonly fileFacts = new WeakMap<FeatureFile, FileFacts>();
  private analyzeBody: typeof analyzeBody | undefined;

  constructor(
    private readonly service: RoadmapService,
    private readonly log: Log,
  ) {}

  /**
   * The model of the finished index, in parts when `inParts` and it is large: part 0 at once, each other
   * part after the one before (the first of them also after `laterParts`), with a macrotask between them so
   * that messages (the page's 'ready', the posts) go first.
   */
  async start(inParts: boolean, laterParts?: Promise<void>): Promise<ModelBuild> {
    // Mid-refresh the service holds only some folders (or files): draw the finished index. This also makes
    // the first model wait for indexing, as an empty roadmap that fills a moment later reads as a bug.
    await this.service.whenIndexed();
    // A macrotask first: the messages that create the panel's page leave before the build takes the thread.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const started = Date.now();
    const states = this.service.folderStates();
    const total = states.reduce((sum, state) => sum + state.index.features().length, 0);
    const stride = inParts ? partStride(total) : 1;
    if (stride === 1) {
      const whole = this.build().then((built) => ({ ...built, json: encodeModel(built.model) }));
      return { total, parts: [whole], started };
    }
    // Ranked once for all the parts.
    const ranks = new Map(states.map((state) => [state, rankByScore(state.index.features())]));
    const parts: Promise<EncodedPart>[] = [];
    for (let residue = 0; residue < stride; residue++) {
      const previous: Promise<unknown> = parts[residue - 1] ?? Promise.resolve();
      parts.push(
        previous
          .then(() => (residue === 1 ? laterParts : undefined))
          .then(() => (residue === 0 ? undefined : new Promise((resolve) => setTimeout(resolve, 0))))
          // Part `residue` (partFeatures): every stride-th feature from there, built without the others.
          .then(() => this.build((position) => position % stride === residue, ranks))
          .then((built) => ({
            ...built,
            json: residue === 0 ? encodeModel(built.model) : encodeFeatures(built.model.features),
          })),
      );
    }
    // Awaited one by one by postModel, which stops at the first that fails: the others fail with it, handled.
    for (const part of parts) void part.catch(() => undefined);
    return { total, parts, started };
  }

  /**
   * The model of every folder; with `include`, of only the features at the positions it accepts (counted
   * across the folders, in model order).
   */
  private async build(
    include?: (position: number) => boolean,
    ranks?: ReadonlyMap<FolderState, ReadonlyMap<Feature, number>>,
  ): Promise<BuiltModel> {
    const today = localToday();
    const parts: FolderModel<FolderState>[] = [];
    const pause = slicer();
    let offset = 0;
    for (const state of this.service.folderStates()) {
      // The revisions are worked out ahead, in slices (a part works out only its own, as it is built).
      if (!include)
        for (const file of state.index.files()) {
          this.revisionFor(state, file);
          await pause();
        }
      const start = offset;
      const model = buildRoadmapModel(state.index, today, {
        revisionOf: (file) => this.revisionFor(state, file),
        include: include && ((position) => include(start + position)),
        ranks: ranks?.get(state),
      });
      offset += include ? state.index.features().length : model.features.length;
      parts.push({ name: state.folder.name, folder: state, model });
    }
    const combined = combineFolderModels(parts, today);
    // Files whose front-matter does not parse are counted and reachable (openFeature goes to their error).
    const prefixes = folderPrefixes(parts.map((part) => part.name));
    const needsRepair: { file: string; message: string }[] = [];
    parts.forEach((part, i) => {
      for (const file of part.folder.index.files()) {
        if (part.folder.index.get(file)?.feature) continue;
        const key = `${prefixes[i]}${file}`;
        const issue = part.folder.index.issues(file).find((candidate) => candidate.severity === 'error');
        needsRepair.push({ file: key, message: issue?.message ?? 'The front-matter does not parse.' });
        combined.files.set(key, { folder: part.folder, file });
      }
    });
    if (needsRepair.length > 0) combined.model.needsRepair = needsRepair;
    const capacity = parts[0]?.folder.index.config.capacity;
    if (capacity && Object.keys(capacity).length > 0) combined.model.capacity = capacity;
    return combined;
  }

  /** What the panel worked out for a file's current parse (a new parse starts with nothing). */
  private factsOf(parsed: FeatureFile): FileFacts {
    let facts = this.fileFacts.get(parsed);
    if (!facts) this.fileFacts.set(parsed, (facts = { revision: metadataRevision(parsed.yamlText ?? '') }));
    return facts;
  }

  /**
   * The revision the writer will compare against: that of the file's front-matter, which the index keeps, so
   * that no file is read to draw the panel (see `metadataRevision`).
   */
  private revisionFor(state: FolderState, file: string): string {
    const parsed = state.index.get(file);
    return parsed ? this.factsOf(parsed).revision : '';
  }

  /** A feature's task-list progress, counted once per parse of its file from the file's text. */
  private async tasksFor(state: FolderState, file: string): Promise<TaskCount> {
    const parsed = state.index.get(file);
    if (!parsed) return { done: 0, total: 0 };
    const facts = this.factsOf(parsed);
    if (facts.tasks) return facts.tasks;
    const text = await this.readFeatureText(state, file);
    if (text === undefined) return { done: 0, total: 0 };
    let tasks = quickTaskCount(text);
    if (!tasks) {
      try {
        // remark loads with the first body that needs it, not at activation (see esbuild.mjs, lazy modules).
        this.analyzeBody ??= (await import('../core/body')).analyzeBody;
        tasks = this.analyzeBody(text).tasks;
      } catch (error) {
        this.log.warn(`Could not read the task lists of ${file}: ${(error as Error).message}`);
        tasks = { done: 0, total: 0 };
      }
    }
    // Kept only if the text read is still the one indexed (a newer parse is counted on its own).
    if (state.index.get(file) === parsed) facts.tasks = tasks;
    return tasks;
  }

  /**
   * The one place the panel reads a feature file's text (task counts, the details pane): the open document's
   * text for a file being edited, else the file on disk (the index keeps no file's text).
   */
  readFeatureText(state: FolderState, file: string): Promise<string | undefined> {
    return this.service.textOf(this.service.uriOf(state, file));
  }

  /**
   * Task-list progress for every feature of `model`, after it was posted: counted by line (remark only for the
   * few bodies whose structure decides), cached per parse, in short slices that yield to the rest of the
   * extension host. Undefined when `stale` says, at a pause, that a newer model is being built.
   */
  async insights(
    model: RoadmapModel,
    fileOf: (file: string) => FileRef<FolderState> | undefined,
    stale: () => boolean,
  ): Promise<TaskInsight[] | undefined> {
    const insights: TaskInsight[] = [];
    const pause = slicer();
    for (const feature of model.features) {
      const ref = fileOf(feature.file);
      if (!ref) continue;
      const tasks = await this.tasksFor(ref.folder, ref.file);
      if (tasks.total > 0) insights.push({ file: feature.file, done: tasks.done, total: tasks.total });
      const paused = pause();
      if (paused) {
        await paused;
        if (stale()) return undefined;
      }
    }
    return insights;
  }
}
