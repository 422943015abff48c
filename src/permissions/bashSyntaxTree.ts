/**
 * A plain copy of a tree-sitter syntax tree: the analysis reads ordinary objects rather than live
 * WebAssembly handles, so the parser's tree can be freed at once and the analysis can be tested
 * without it. Copying walks a cursor iteratively: nesting depth is bounded only by the input.
 */
import type { TreeCursor } from 'web-tree-sitter';

export interface SyntaxNode {
  /** The grammar's node type (`command`, `word`, …) or, for anonymous nodes, the token itself (`&&`). */
  type: string;
  named: boolean;
  /** Inserted by error recovery: the text does not contain it. */
  missing: boolean;
  /** The field this node fills in its parent (`name`, `argument`, `redirect`, …). */
  field: string | undefined;
  /** Offsets in UTF-16 code units, like JavaScript string indices. */
  start: number;
  end: number;
  children: SyntaxNode[];
}

/** Copies the tree under the cursor's node and frees the cursor. */
export function toSyntaxTree(cursor: TreeCursor): SyntaxNode {
  try {
    const root = copyNode(cursor);
    const parents: SyntaxNode[] = [root];
    if (!cursor.gotoFirstChild()) return root;
    for (;;) {
      const node = copyNode(cursor);
      (parents[parents.length - 1] as SyntaxNode).children.push(node);
      if (cursor.gotoFirstChild()) {
        parents.push(node);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return root;
        parents.pop();
        if (parents.length === 0) return root;
      }
    }
  } finally {
    cursor.delete();
  }
}

function copyNode(cursor: TreeCursor): SyntaxNode {
  return {
    type: cursor.nodeType,
    named: cursor.nodeIsNamed,
    missing: cursor.nodeIsMissing,
    field: cursor.currentFieldName ?? undefined,
    start: cursor.startIndex,
    end: cursor.endIndex,
    children: [],
  };
}
