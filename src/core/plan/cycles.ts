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
  const index = new Array<number>(nodeCount).fill(-1);
  const low = new Array<number>(nodeCount).fill(0);
  const onStack = new Array<boolean>(nodeCount).fill(false);
  const component = new Array<number>(nodeCount).fill(-1);
  const components: number[][] = [];
  const stack: number[] = [];
  let counter = 0;
  for (let root = 0; root < nodeCount; root++) {
    if (index[root] !== -1) continue;
    const work: [node: number, next: number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [node, next] = frame;
      if (next === 0) {
        index[node] = low[node] = counter++;
        stack.push(node);
        onStack[node] = true;
      }
      const targets = successors[node] ?? [];
      if (next < targets.length) {
        frame[1] = next + 1;
        const target = targets[next]!;
        if (index[target] === -1) work.push([target, 0]);
        else if (onStack[target]) low[node] = Math.min(low[node]!, index[target]!);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[node]!);
      if (low[node] === index[node]) {
        const id = components.length;
        const members: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
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
