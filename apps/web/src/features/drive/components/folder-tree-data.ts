import type { DriveFolder } from '../api/types.ts';

export interface FolderNode {
  key: string;
  value: string;
  title: string;
  folder: DriveFolder;
  children: FolderNode[];
}

function subtreeOf(folders: DriveFolder[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const f of folders) {
      if (f.parentId && ids.has(f.parentId) && !ids.has(f.id)) {
        ids.add(f.id);
        grew = true;
      }
    }
  }
  return ids;
}

/**
 * Nests the flat folder list the API returns; orphans show at the top. `exclude` drops a
 * folder with everything under it: a folder cannot move into its own subtree.
 */
export function buildFolderTree(folders: DriveFolder[], exclude?: string): FolderNode[] {
  const skip = exclude ? subtreeOf(folders, exclude) : new Set<string>();
  const nodes = new Map<string, FolderNode>();
  for (const f of folders) {
    if (skip.has(f.id)) continue;
    nodes.set(f.id, { key: f.id, value: f.id, title: f.name, folder: f, children: [] });
  }
  const roots: FolderNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.folder.parentId ? nodes.get(node.folder.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: FolderNode[]) => {
    list.sort((a, b) => a.folder.code.localeCompare(b.folder.code, 'zh-CN', { numeric: true }) || a.title.localeCompare(b.title, 'zh-CN'));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}
