// The RoadmapService's data as the rest of the extension sees it: a workspace folder's state, what a change
// names, and what the service asks of the views it feeds.
import type * as vscode from 'vscode';
import type { ConfigProblem } from '../core/config';
import type { Discovery } from '../core/discovery';
import type { FeatureFile } from '../core/featureFile';
import type { FileStamp } from '../core/lintCache';
import type { PresetChoice } from '../core/presets/presets';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import type { LocalFiles, ReadAheadOptions } from './localFiles';
import type { TreePicture } from './treePicture';

export interface FolderState {
  folder: vscode.WorkspaceFolder;
  index: WorkspaceIndex;
  discovery: Discovery;
  configProblems: ConfigProblem[];
  configText?: string;
  /** The preset the config was built from: recognised from the files (no config file), or named by `preset:`. */
  preset?: PresetChoice;
  /** Markdown files the discovery looked at (features or not): the welcome view and log report it. */
  scanned: number;
  /**
   * The texts the index parsed that positions cannot be computed without: open documents' (the language
   * features compare them with the editor's) and YAML metadata files' (no fence to count lines from). Every
   * other file's positions come from its parsed front-matter (FrontmatterLines).
   */
  heldTexts: Map<string, string>;
  /** The size and modification time of each file as read from disk: what the persisted index records. */
  stamps: Map<string, FileStamp>;
}

export interface RoadmapServiceOptions {
  /** Where the index is persisted between windows (the workspace's storage); none: nothing is persisted. */
  storage?: vscode.Uri;
  /** The extension's version: a persisted index written by another version is ignored. */
  version?: string;
  /** Node file access for `file:` URIs (the Node extension host); none in the web host. */
  localFiles?: LocalFiles;
  /** When local files are read on a worker thread (see LocalFiles.readAhead): tests lower the threshold. */
  readAhead?: ReadAheadOptions;
}

/** What the last (re)indexing of the folders did: files taken from the persisted index, read, dropped. */
export interface StartStatistics {
  restored: number;
  read: string[];
  dropped: string[];
  /** Batches of local files a worker thread read ahead (the rest were read on the extension host's thread). */
  readAhead: number;
}

/** How far the reading of feature files has come (shown in the tree while it fills). */
export interface IndexingProgress {
  done: number;
  total: number;
}

export interface FeatureRef {
  folder: FolderState;
  /** Folder-relative path with forward slashes: the index key. */
  file: string;
  uri: vscode.Uri;
  parsed: FeatureFile;
}

export interface RoadmapChange {
  /** Files whose features or issues changed (removed files included). */
  uris: vscode.Uri[];
  /**
   * True when no feature or issue changed since the last change: the end of a start whose revalidation found
   * every file as restored names every file for the diagnostics (they wait for it), and the views keep what
   * they show.
   */
  sameAsShown?: boolean;
}

/** What the service asks of the views it feeds (the tree): see `start`. */
export interface RoadmapViews {
  /**
   * Resolves when the views have fetched what the service last announced (bounded by the service): true, or
   * false when they are hidden and draw nothing.
   */
  shown(): Promise<boolean>;
  /** The tree's first screen, persisted with the index (see "The first picture" in core/persistedIndex.ts). */
  picture(): TreePicture | undefined;
}

/** A workspace folder whose config has been read, before its files are. */
export interface PreparedFolder {
  state: FolderState;
  /** persistedIndexKey of the folder as configured now. */
  key: string;
  exclude: string;
  ownIncludes: string[];
}
