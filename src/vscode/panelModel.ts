// The roadmap panel's one model across every workspace folder. Each folder has its own index, config and ids;
// the panel shows them together, so each feature's `file` becomes a key that is unambiguous across folders and
// that the host maps back to exactly one indexed file. Kept free of `vscode` so it reads (and tests) as data.
import { defaultConfig } from '../core/config';
import type { FeatureView, RoadmapModel } from '../shared/protocol';

export interface FolderModel<T> {
  /** The workspace folder's name, shown as the key prefix in a multi-root workspace. */
  name: string;
  /** Whatever the caller needs to find the file again (the folder's index state). */
  folder: T;
  model: RoadmapModel;
}

export interface FileRef<T> {
  folder: T;
  /** Folder-relative path: the folder index's key. */
  file: string;
}

export interface CombinedModel<T> {
  model: RoadmapModel;
  /** Panel file key -> the indexed file. Only files in the model are here, so the webview cannot name others. */
  files: Map<string, FileRef<T>>;
}

/**
 * Key prefixes for the folders: their names, made unique (two folders may share a name in a multi-root
 * workspace), and only when there is more than one folder so single-folder keys stay plain relative paths.
 */
export function folderPrefixes(names: readonly string[]): string[] {
  if (names.length <= 1) return names.map(() => '');
  const seen = new Map<string, number>();
  return names.map((name) => {
    const base = name.replace(/\//g, '_') || 'folder';
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return `${count === 1 ? base : `${base} (${count})`}/`;
  });
}

function unionById<V extends { id: string }>(lists: readonly (readonly V[])[]): V[] {
  const byId = new Map<string, V>();
  for (const list of lists) for (const item of list) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()];
}

/**
 * Merges per-folder models. Statuses, milestones and goals are unioned by id with the first folder winning
 * (folders usually share one config; when they differ, the first folder's wording is as good as any), and
 * the scoring model and Must budget come from the first folder, as the panel can draw only one of each.
 */
export function combineFolderModels<T>(parts: readonly FolderModel<T>[], today: string): CombinedModel<T> {
  const files = new Map<string, FileRef<T>>();
  const prefixes = folderPrefixes(parts.map((part) => part.name));
  const features: FeatureView[] = [];
  parts.forEach((part, i) => {
    for (const feature of part.model.features) {
      const key = `${prefixes[i]}${feature.file}`;
      files.set(key, { folder: part.folder, file: feature.file });
      // A single folder's keys are its own paths: its features go as they are (no copy of thousands).
      features.push(prefixes[i] ? { ...feature, file: key } : feature);
    }
  });
  if (parts.length === 0) {
    const config = defaultConfig();
    return {
      model: {
        features,
        statuses: config.statuses.map((status) => ({ ...status })),
        milestones: [],
        goals: [],
        scoringModel: config.scoring.model,
        mustBudget: config.mustBudget,
        today,
      },
      files,
    };
  }
  const models = parts.map((part) => part.model);
  return {
    model: {
      features,
      statuses: unionById(models.map((model) => model.statuses)),
      milestones: unionById(models.map((model) => model.milestones)),
      goals: unionById(models.map((model) => model.goals)),
      scoringModel: models[0].scoringModel,
      mustBudget: models[0].mustBudget,
      today,
    },
    files,
  };
}

/** Decodes standard base64 without Node's Buffer, so it runs in the web extension host too. */
export function decodeBase64(base64: string): Uint8Array | undefined {
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return undefined;
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
