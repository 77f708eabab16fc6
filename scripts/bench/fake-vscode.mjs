// A minimal fake of the `vscode` API, ONLY for timing activate() in a plain Node process (activation.mjs).
// It is a benchmark prop, not a test double: it records what the extension registers, returns disposables,
// and serves one workspace folder from the real file system so that background indexing can be timed too.
// Anything it does not model explicitly is an inert stub (callable, constructible, disposable), so that new
// API uses in the extension do not break the benchmark.
import fs from 'node:fs';
import path from 'node:path';

/**
 * What the extension registered, by kind: commands, providers, views, serializers... with the registered object
 * (a provider, a command's handler), so that activation.mjs can time a first completion and hover.
 */
export const registrations = [];
const record = (kind, name, registered) =>
  registrations.push({ kind, name: typeof name === 'string' ? name : undefined, registered });

/** An inert object: every property is another stub, calls and `new` return stubs, `dispose()` works. */
function stub(name) {
  const values = new Map();
  const target = function () {};
  return new Proxy(target, {
    get(_, property) {
      if (values.has(property)) return values.get(property);
      if (property === 'then' || typeof property === 'symbol') {
        if (property === Symbol.iterator) return function* () {};
        if (property === Symbol.toPrimitive) return () => 0;
        return undefined;
      }
      if (property === 'dispose') return () => {};
      if (property === 'toString' || property === 'toJSON') return () => name;
      const child = stub(`${name}.${String(property)}`);
      values.set(property, child);
      return child;
    },
    set(_, property, value) {
      values.set(property, value);
      return true;
    },
    apply(_, __, args) {
      if (/\.(register|create)\w*$/.test(name)) record(name, args[0]);
      return stub(`${name}()`);
    },
    construct() {
      return stub(`new ${name}`);
    },
  });
}

/** A namespace with explicit members and stubs for the rest. */
const namespace = (name, members) =>
  new Proxy(members, {
    get(target, property) {
      if (property in target) return target[property];
      if (typeof property === 'symbol' || property === 'then') return undefined;
      return (target[property] = stub(`${name}.${String(property)}`));
    },
  });

/** An enum: listed members keep their VS Code values, any other member gets a stable number. */
const enumeration = (values) => {
  let next = 1000;
  return new Proxy(values, {
    get(target, property) {
      if (typeof property === 'symbol') return undefined;
      if (!(property in target)) target[property] = next++;
      return target[property];
    },
  });
};

class Disposable {
  constructor(callOnDispose = () => {}) {
    this.callOnDispose = callOnDispose;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((item) => item?.dispose?.()));
  }
  dispose() {
    this.callOnDispose();
    this.callOnDispose = () => {};
  }
}

class EventEmitter {
  listeners = new Set();
  event = (listener, thisArgument, disposables) => {
    const bound = thisArgument ? listener.bind(thisArgument) : listener;
    this.listeners.add(bound);
    const disposable = new Disposable(() => this.listeners.delete(bound));
    disposables?.push?.(disposable);
    return disposable;
  };
  fire(value) {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

/** An event nobody fires: registering returns a disposable. */
const quietEvent = () => new EventEmitter().event;

class Uri {
  constructor(scheme, authority, uriPath, query = '', fragment = '') {
    this.scheme = scheme;
    this.authority = authority;
    this.path = uriPath;
    this.query = query;
    this.fragment = fragment;
  }
  static file(fsPath) {
    return new Uri('file', '', fsPath.split(path.sep).join('/'));
  }
  static parse(value) {
    const match = /^([a-z][\w+.-]*):(?:\/\/([^/]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(value);
    return match
      ? new Uri(match[1], match[2] ?? '', decodeURIComponent(match[3]), match[4], match[5])
      : Uri.file(value);
  }
  static joinPath(base, ...segments) {
    return base.with({ path: path.posix.join(base.path, ...segments) });
  }
  static from(components) {
    return new Uri(
      components.scheme,
      components.authority ?? '',
      components.path ?? '',
      components.query,
      components.fragment,
    );
  }
  get fsPath() {
    return this.path;
  }
  with(change) {
    return new Uri(
      change.scheme ?? this.scheme,
      change.authority ?? this.authority,
      change.path ?? this.path,
      change.query ?? this.query,
      change.fragment ?? this.fragment,
    );
  }
  toString() {
    return `${this.scheme}://${this.authority}${encodeURI(this.path)}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
  toJSON() {
    return {
      scheme: this.scheme,
      authority: this.authority,
      path: this.path,
      query: this.query,
      fragment: this.fragment,
    };
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}
class Range {
  constructor(a, b, c, d) {
    [this.start, this.end] = typeof a === 'number' ? [new Position(a, b), new Position(c, d)] : [a, b];
  }
}
class Selection extends Range {}
class Location {
  constructor(uri, range) {
    this.uri = uri;
    this.range = range;
  }
}
class Diagnostic {
  constructor(range, message, severity = 0) {
    Object.assign(this, { range, message, severity });
  }
}
class DiagnosticRelatedInformation {
  constructor(location, message) {
    Object.assign(this, { location, message });
  }
}
class RelativePattern {
  constructor(base, pattern) {
    this.baseUri = base.uri ?? base;
    this.base = this.baseUri.fsPath;
    this.pattern = pattern;
  }
}
class MarkdownString {
  constructor(value = '') {
    this.value = value;
  }
  appendMarkdown(text) {
    this.value += text;
    return this;
  }
  appendText(text) {
    this.value += text;
    return this;
  }
  appendCodeblock(code) {
    this.value += `\n\`\`\`\n${code}\n\`\`\`\n`;
    return this;
  }
}
class TreeItem {
  constructor(label, collapsibleState) {
    Object.assign(this, { label, collapsibleState });
  }
}
class ThemeIcon {
  static File = new ThemeIcon('file');
  static Folder = new ThemeIcon('folder');
  constructor(id, color) {
    Object.assign(this, { id, color });
  }
}
class WorkspaceEdit {
  edits = [];
  replace(uri, range, newText) {
    this.edits.push({ uri, range, newText });
  }
  insert(uri, position, newText) {
    this.edits.push({ uri, range: new Range(position, position), newText });
  }
  delete(uri, range) {
    this.edits.push({ uri, range, newText: '' });
  }
  get size() {
    return this.edits.length;
  }
}
/** A hierarchical kind such as `source.fixAll.roadmap`. */
class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other) {
    return this.value === '' || other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other) {
    return this.contains(other) || other.contains(this);
  }
  static Empty = new CodeActionKind('');
  static QuickFix = new CodeActionKind('quickfix');
  static Refactor = new CodeActionKind('refactor');
  static RefactorExtract = new CodeActionKind('refactor.extract');
  static RefactorInline = new CodeActionKind('refactor.inline');
  static RefactorMove = new CodeActionKind('refactor.move');
  static RefactorRewrite = new CodeActionKind('refactor.rewrite');
  static Source = new CodeActionKind('source');
  static SourceOrganizeImports = new CodeActionKind('source.organizeImports');
  static SourceFixAll = new CodeActionKind('source.fixAll');
  static Notebook = new CodeActionKind('notebook');
}

/** Small value classes the extension may construct: they keep their constructor arguments. */
const valueClass = (name, fields) =>
  ({
    [name]: class {
      constructor(...args) {
        fields.forEach((field, index) => (this[field] = args[index]));
      }
    },
  })[name];

/** The workspace folder to serve (VSCODE_FAKE_FOLDER), if any. */
const folderPath = process.env.VSCODE_FAKE_FOLDER;
const workspaceFolders = folderPath
  ? [{ uri: Uri.file(path.resolve(folderPath)), name: path.basename(folderPath), index: 0 }]
  : [];
const neverScanned = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.vscode-test']);

/** findFiles over the real disk: every Markdown file under the folder, skipping build and VCS folders. */
function findFiles() {
  const found = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!neverScanned.has(entry.name)) walk(full);
      } else if (/\.(md|markdown)$/i.test(entry.name)) found.push(Uri.file(full));
    }
  };
  for (const folder of workspaceFolders) walk(folder.uri.fsPath);
  return Promise.resolve(found);
}

const fileSystem = {
  readFile: async (uri) => new Uint8Array(await fs.promises.readFile(uri.fsPath)),
  stat: async (uri) => {
    const stat = await fs.promises.stat(uri.fsPath);
    return { type: stat.isDirectory() ? 2 : 1, size: stat.size, ctime: stat.ctimeMs, mtime: stat.mtimeMs };
  },
  readDirectory: async (uri) =>
    (await fs.promises.readdir(uri.fsPath, { withFileTypes: true })).map((entry) => [
      entry.name,
      entry.isDirectory() ? 2 : 1,
    ]),
  writeFile: async () => {},
  createDirectory: async () => {},
  delete: async () => {},
};

const configuration = () => ({
  get: (_key, fallback) => fallback,
  has: () => false,
  inspect: () => undefined,
  update: async () => {},
});

const watcher = () => ({
  onDidCreate: quietEvent(),
  onDidChange: quietEvent(),
  onDidDelete: quietEvent(),
  ignoreCreateEvents: false,
  ignoreChangeEvents: false,
  ignoreDeleteEvents: false,
  dispose() {},
});

const outputChannel = (name) => {
  const lines = [];
  const log = (level) => (message) => lines.push(`[${level}] ${message}`);
  return {
    name,
    lines,
    logLevel: 2,
    onDidChangeLogLevel: quietEvent(),
    trace: log('trace'),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    append: log('append'),
    appendLine: log('line'),
    replace() {},
    clear() {},
    show() {},
    hide() {},
    dispose() {},
  };
};

const registering = (kind) => (name, registered) => {
  record(kind, name, registered);
  return new Disposable();
};

const vscode = {
  version: '1.100.0',
  Disposable,
  EventEmitter,
  Uri,
  Position,
  Range,
  Selection,
  Location,
  Diagnostic,
  DiagnosticRelatedInformation,
  RelativePattern,
  MarkdownString,
  TreeItem,
  ThemeIcon,
  WorkspaceEdit,
  ThemeColor: valueClass('ThemeColor', ['id']),
  CodeLens: valueClass('CodeLens', ['range', 'command']),
  Hover: valueClass('Hover', ['contents', 'range']),
  CompletionItem: valueClass('CompletionItem', ['label', 'kind']),
  CompletionList: valueClass('CompletionList', ['items', 'isIncomplete']),
  SnippetString: valueClass('SnippetString', ['value']),
  DocumentLink: valueClass('DocumentLink', ['range', 'target']),
  CodeAction: valueClass('CodeAction', ['title', 'kind']),
  TextEdit: Object.assign(valueClass('TextEdit', ['range', 'newText']), {
    replace: (range, newText) => ({ range, newText }),
    insert: (position, newText) => ({ range: new Range(position, position), newText }),
    delete: (range) => ({ range, newText: '' }),
  }),
  CodeActionKind,
  DiagnosticSeverity: enumeration({ Error: 0, Warning: 1, Information: 2, Hint: 3 }),
  DiagnosticTag: enumeration({ Unnecessary: 1, Deprecated: 2 }),
  UIKind: enumeration({ Desktop: 1, Web: 2 }),
  StatusBarAlignment: enumeration({ Left: 1, Right: 2 }),
  ProgressLocation: enumeration({ SourceControl: 1, Window: 10, Notification: 15 }),
  TreeItemCollapsibleState: enumeration({ None: 0, Collapsed: 1, Expanded: 2 }),
  ViewColumn: enumeration({ Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 }),
  CompletionItemKind: enumeration({
    Text: 0,
    Property: 9,
    Value: 11,
    Enum: 12,
    Keyword: 13,
    Snippet: 14,
    File: 16,
    Reference: 17,
    EnumMember: 19,
  }),
  FileType: enumeration({ Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 }),
  ConfigurationTarget: enumeration({ Global: 1, Workspace: 2, WorkspaceFolder: 3 }),
  EndOfLine: enumeration({ LF: 1, CRLF: 2 }),
  ExtensionMode: enumeration({ Production: 1, Development: 2, Test: 3 }),
  QuickPickItemKind: enumeration({ Separator: -1, Default: 0 }),
  CodeActionTriggerKind: enumeration({ Invoke: 1, Automatic: 2 }),
  workspace: namespace('workspace', {
    workspaceFolders,
    name: workspaceFolders[0]?.name,
    textDocuments: [],
    isTrusted: true,
    fs: fileSystem,
    findFiles,
    getConfiguration: configuration,
    getWorkspaceFolder: (uri) =>
      workspaceFolders.find(
        (folder) => uri.path === folder.uri.path || uri.path.startsWith(`${folder.uri.path}/`),
      ),
    asRelativePath: (target) => {
      const value = typeof target === 'string' ? target : target.path;
      const folder = workspaceFolders.find((candidate) => value.startsWith(`${candidate.uri.path}/`));
      return folder ? value.slice(folder.uri.path.length + 1) : value;
    },
    createFileSystemWatcher: watcher,
    openTextDocument: async () => stub('TextDocument'),
    applyEdit: async () => true,
    registerTextDocumentContentProvider: registering('textDocumentContentProvider'),
    onDidChangeWorkspaceFolders: quietEvent(),
    onDidOpenTextDocument: quietEvent(),
    onDidCloseTextDocument: quietEvent(),
    onDidChangeTextDocument: quietEvent(),
    onDidSaveTextDocument: quietEvent(),
    onDidChangeConfiguration: quietEvent(),
    onDidGrantWorkspaceTrust: quietEvent(),
  }),
  window: namespace('window', {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    createOutputChannel: outputChannel,
    createStatusBarItem: (id) => {
      record('statusBarItem', id);
      return { id, text: '', show() {}, hide() {}, dispose() {} };
    },
    createTreeView: (id) => {
      record('treeView', id);
      return Object.assign(stub(`treeView(${id})`), { visible: false, selection: [], dispose() {} });
    },
    registerTreeDataProvider: registering('treeDataProvider'),
    registerWebviewPanelSerializer: registering('webviewPanelSerializer'),
    registerWebviewViewProvider: registering('webviewViewProvider'),
    registerUriHandler: registering('uriHandler'),
    registerFileDecorationProvider: registering('fileDecorationProvider'),
    withProgress: (_options, task) =>
      Promise.resolve(
        task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: quietEvent() }),
      ),
    setStatusBarMessage: () => new Disposable(),
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    onDidChangeActiveTextEditor: quietEvent(),
    onDidChangeVisibleTextEditors: quietEvent(),
    onDidChangeTextEditorSelection: quietEvent(),
    onDidChangeActiveColorTheme: quietEvent(),
  }),
  commands: namespace('commands', {
    registerCommand: registering('command'),
    registerTextEditorCommand: registering('textEditorCommand'),
    executeCommand: async () => undefined,
    getCommands: async () => [],
  }),
  languages: namespace('languages', {
    createDiagnosticCollection: (name) => {
      const entries = new Map();
      return {
        name,
        set: (uri, diagnostics) =>
          diagnostics ? entries.set(uri.toString(), diagnostics) : entries.delete(uri.toString()),
        delete: (uri) => entries.delete(uri.toString()),
        get: (uri) => entries.get(uri.toString()),
        has: (uri) => entries.has(uri.toString()),
        clear: () => entries.clear(),
        forEach: () => {},
        dispose() {},
      };
    },
    match: () => 0,
  }),
  env: namespace('env', {
    uiKind: 1,
    appName: 'Visual Studio Code',
    appHost: 'desktop',
    language: 'en',
    machineId: 'bench',
    sessionId: 'bench',
    remoteName: undefined,
    isTelemetryEnabled: false,
    clipboard: { readText: async () => '', writeText: async () => {} },
    openExternal: async () => true,
    asExternalUri: async (uri) => uri,
  }),
  extensions: namespace('extensions', { all: [], getExtension: () => undefined, onDidChange: quietEvent() }),
  l10n: namespace('l10n', {
    t: (message, ...args) =>
      typeof message === 'string'
        ? message.replace(/\{(\d+)\}/g, (_, i) => String(args[i]))
        : message.message,
  }),
};
// Every register*Provider of `languages` (completion, hover, code lens...) records itself.
for (const kind of [
  'CompletionItem',
  'Hover',
  'CodeLens',
  'CodeActions',
  'DocumentLink',
  'Rename',
  'Definition',
  'Reference',
  'Implementation',
  'TypeDefinition',
  'DocumentHighlight',
  'SignatureHelp',
  'DocumentSymbol',
  'FoldingRange',
  'InlayHints',
]) {
  vscode.languages[`register${kind}Provider`] = registering(`${kind}Provider`);
}

/** A fake ExtensionContext rooted at the repository. */
export function createContext(extensionPath) {
  const memento = () => {
    const values = new Map();
    return {
      get: (key, fallback) => (values.has(key) ? values.get(key) : fallback),
      update: async (key, value) => void values.set(key, value),
      keys: () => [...values.keys()],
      setKeysForSync() {},
    };
  };
  const extensionUri = Uri.file(extensionPath);
  const packageJSON = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  return {
    subscriptions: [],
    extensionPath,
    extensionUri,
    extensionMode: 1,
    extension: {
      id: `${packageJSON.publisher}.${packageJSON.name}`,
      extensionUri,
      extensionPath,
      packageJSON,
      isActive: true,
      exports: undefined,
    },
    globalState: memento(),
    workspaceState: memento(),
    secrets: {
      get: async () => undefined,
      store: async () => {},
      delete: async () => {},
      onDidChange: quietEvent(),
    },
    storageUri: undefined,
    globalStorageUri: Uri.file(path.join(extensionPath, 'bench', '.corpus', '.storage')),
    logUri: Uri.file(path.join(extensionPath, 'bench', '.corpus', '.logs')),
    environmentVariableCollection: stub('environmentVariableCollection'),
    asAbsolutePath: (relative) => path.join(extensionPath, relative),
  };
}

/** The module `require('vscode')` returns: unknown top-level names become stubs. */
export const fakeVscode = new Proxy(vscode, {
  get: (target, property) =>
    property in target || typeof property === 'symbol'
      ? target[property]
      : (target[property] = stub(String(property))),
});
