// The tree's first screen as plain data (see "The first picture" in core/persistedIndex.ts): the rows VS Code
// showed when the index was persisted, drawn by the next window before it parses any index. The rows are the
// tree items themselves (label, description, icon, what a click opens), so that the picture looks exactly like
// the tree it stands in for; the tree replaces it with its own rows as soon as the index is restored.
import * as vscode from 'vscode';

export interface PictureItem {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: { id: string; color?: string };
  collapsible: vscode.TreeItemCollapsibleState;
  /** The file a row stands for, as a Uri string. */
  resource?: string;
  /** What a click runs: a command whose only argument is the row's file. */
  command?: { id: string; title: string };
  children?: PictureItem[];
}

/** The tree's first screen, for the grouping and order it was drawn with. */
export interface TreePicture {
  groupBy: string;
  sortBy: string;
  roots: PictureItem[];
}

/** A row of the picture in the tree (it has no menus: they need the index, which is not restored yet). */
export interface PictureNode {
  readonly kind: 'picture';
  readonly id: string;
  readonly item: PictureItem;
  readonly parent: PictureNode | undefined;
  readonly children: PictureNode[];
}

/**
 * The plain form of the rows `roots` and, under each expanded one, of its children: what VS Code fetches to
 * draw the tree as it opens.
 */
export function pictureOf<T>(
  roots: readonly T[],
  childrenOf: (node: T) => readonly T[],
  itemOf: (node: T) => vscode.TreeItem,
): PictureItem[] {
  const plain = (node: T): PictureItem | undefined => {
    const item = itemOf(node);
    const label = typeof item.label === 'string' ? item.label : item.label?.label;
    if (item.id === undefined || label === undefined) return undefined;
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
    const argument: unknown = item.command?.arguments?.[0];
    const collapsible = item.collapsibleState ?? vscode.TreeItemCollapsibleState.None;
    return {
      id: item.id,
      label,
      description: typeof item.description === 'string' ? item.description : undefined,
      tooltip: typeof item.tooltip === 'string' ? item.tooltip : undefined,
      icon: icon && { id: icon.id, color: icon.color?.id },
      collapsible,
      resource: item.resourceUri?.toString(),
      command:
        item.command && argument instanceof vscode.Uri && argument.toString() === item.resourceUri?.toString()
          ? { id: item.command.command, title: item.command.title }
          : undefined,
      children:
        collapsible === vscode.TreeItemCollapsibleState.Expanded
          ? childrenOf(node).flatMap((child) => plain(child) ?? [])
          : undefined,
    };
  };
  return roots.flatMap((root) => plain(root) ?? []);
}

/** The picture's rows as tree nodes. */
export function pictureNodes(items: readonly PictureItem[], parent?: PictureNode): PictureNode[] {
  return items.map((item) => {
    const node: PictureNode = { kind: 'picture', id: item.id, item, parent, children: [] };
    node.children.push(...pictureNodes(item.children ?? [], node));
    return node;
  });
}

export function pictureTreeItem(node: PictureNode): vscode.TreeItem {
  const { item: plain } = node;
  const item = new vscode.TreeItem(plain.label, plain.collapsible);
  item.id = plain.id;
  item.description = plain.description;
  item.tooltip = plain.tooltip;
  if (plain.icon)
    item.iconPath = new vscode.ThemeIcon(
      plain.icon.id,
      plain.icon.color === undefined ? undefined : new vscode.ThemeColor(plain.icon.color),
    );
  const resource = plain.resource === undefined ? undefined : vscode.Uri.parse(plain.resource);
  item.resourceUri = resource;
  if (plain.command && resource)
    item.command = { command: plain.command.id, title: plain.command.title, arguments: [resource] };
  return item;
}

/** Whether a stored value has the picture's shape (it is read back from a file). */
export function isTreePicture(value: unknown): value is TreePicture {
  const picture = value as Partial<TreePicture> | undefined;
  return (
    typeof picture?.groupBy === 'string' &&
    typeof picture.sortBy === 'string' &&
    Array.isArray(picture.roots) &&
    picture.roots.every(isPictureItem)
  );
}

function isPictureItem(value: unknown): value is PictureItem {
  const item = value as Partial<PictureItem> | undefined;
  return (
    typeof item?.id === 'string' &&
    typeof item.label === 'string' &&
    typeof item.collapsible === 'number' &&
    (item.children === undefined || (Array.isArray(item.children) && item.children.every(isPictureItem)))
  );
}
