// Dependency-graph helpers. Cycles are found here rather than trusted from the host's diagnostics, because
// the panel must highlight exactly the edges it draws, after filtering.

/**
 * Strongly connected components (Tarjan), iteratively so that a long dependency chain cannot overflow the
 * stack. Returns, for each node, the index of its component, and the size of every component.
 */
export function stronglyConnected(
  nodeCount: number,
  edges: readonly (readonly number[])[],
): {
  component: number[];
  sizes: number[];
} {
  const index = new Array<number>(nodeCount).fill(-1);
  const low = new Array<number>(nodeCount).fill(0);
  const onStack = new Array<boolean>(nodeCount).fill(false);
  const component = new Array<number>(nodeCount).fill(-1);
  const sizes: number[] = [];
  const stack: number[] = [];
  let counter = 0;
  for (let root = 0; root < nodeCount; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [node, next] = frame;
      if (next === 0) {
        index[node] = low[node] = counter++;
        stack.push(node);
        onStack[node] = true;
      }
      const successors = edges[node] ?? [];
      if (next < successors.length) {
        frame[1] = next + 1;
        const target = successors[next]!;
        if (index[target] === -1) work.push([target, 0]);
        else if (onStack[target]) low[node] = Math.min(low[node]!, index[target]!);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[node]!);
      if (low[node] === index[node]) {
        const id = sizes.length;
        let size = 0;
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
          component[member] = id;
          size++;
        } while (member !== node);
        sizes.push(size);
      }
    }
  }
  return { component, sizes };
}
