import { describe, expect, it } from 'vitest';
import { buildFolderTree } from './folder-tree-data.ts';

const f = (id: string, parentId: string | null, code: string) => ({ id, parentId, name: `目录${id}`, code, fileCount: 0 });

describe('buildFolderTree', () => {
  it('nests children under parents and sorts by code, numbers in numeric order', () => {
    const tree = buildFolderTree([f('a', null, '10'), f('b', null, '2'), f('c', 'b', '1'), f('d', 'zz', '3')]);
    expect(tree.map((n) => n.key)).toEqual(['b', 'd', 'a']);
    expect(tree[0].children.map((n) => n.key)).toEqual(['c']);
  });
  it('leaves out a folder and its subtree when choosing a new parent for it', () => {
    const tree = buildFolderTree([f('a', null, '1'), f('b', 'a', '1'), f('e', 'b', '1'), f('c', null, '2')], 'a');
    expect(tree.map((n) => n.key)).toEqual(['c']);
  });
});
