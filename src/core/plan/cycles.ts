// Dependency cycles: the one strongly-connected-components search, used by the `dependency-cycle` rule (over
// the whole index) and by the panel's dependency graph (over the features it draws, after filtering).

/**
 * Strongly connected components (Tarjan's algorithm), iteratively so that a 50,000-long dependency chain
 * cannot overflow the stack. Nodes are 0..nodeCount-1; `successors[node]` lists where its edges go. Returns
 * each node's component index and every component's members in the order they were first reached.
 */
export function stronglyConnected(
  nodeCount: number,
  successors: readonly (readonly number[])[],
): { component: number[]; components: number[][] } {
  // Typed arrays and an explicit stack of (node, next successor) pairs: the cross-file rules run this over
  // every feature of a workspace on each full pass, and a frame object per node was about half of its cost.
  const index = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const onStack = new Uint8Array(nodeCount);
  const component = new Array<number>(nodeCount).fill(-1);
  const components: number[][] = [];
  const stack: number[] = [];
  const workNode = new Int32Array(nodeCount);
  const workNext = new Int32Array(nodeCount);
  let counter = 0;
  for (let root = 0; root < nodeCount; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    workNode[0] = root;
    workNext[0] = 0;
    while (depth >= 0) {
      const node = workNode[depth]!;
      const next = workNext[depth]!;
      if (next === 0) {
        index[node] = low[node] = counter++;
        stack.push(node);
        onStack[node] = 1;
      }
      const targets = successors[node] ?? [];
      if (next < targets.length) {
        workNext[depth] = next + 1;
        const target = targets[next]!;
        if (index[target] === -1) {
          depth++;
          workNode[depth] = target;
          workNext[depth] = 0;
        } else if (onStack[target]) low[node] = Math.min(low[node]!, index[target]!);
        continue;
      }
      depth--;
      if (depth >= 0) {
        const parent = workNode[depth]!;
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
      if (low[node] === index[node]) {
        const id = components.length;
        const members: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          component[member] = id;
          members.push(member);
        } while (member !== node);
        components.push(members.reverse());
      }
    }
  }
  return { component, components };
}

/** Whether a component is a cycle: more than one member, or one that depends on itself. */
export function isCycle(members: readonly number[], successors: readonly (readonly number[])[]): boolean {
  return members.length > 1 || (successors[members[0]!] ?? []).includes(members[0]!);
}

/** The components that are cycles, members in the order first reached. */
export function findCycles(nodeCount: number, successors: readonly (readonly number[])[]): number[][] {
  return stronglyConnected(nodeCount, successors).components.filter((members) =>
    isCycle(members, successors),
  );
}
