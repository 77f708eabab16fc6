// EIP/ERC-style improvement proposals (EIP-1, https://eips.ethereum.org/EIPS/eip-1): one Markdown file per
// proposal, `eip-<number>.md`, with an RFC 822-style preamble read as YAML. `requires` and `author` are
// comma-separated; `status: Moved` marks a stub whose proposal now lives elsewhere.
import { statusList, type Preset } from './preset';

const proposalFile = /(^|\/)(eip|erc)-\d+\.md$/i;

export const eip: Preset = {
  name: 'eip',
  title: 'EIP/ERC improvement proposals',
  signature: ['**/eip-*.md', '**/erc-*.md'],
  locate: (found) => (found.filter((file) => proposalFile.test(file)).length >= 2 ? '' : undefined),
  config: () => ({
    include: ['**/eip-+([0-9]).md', '**/erc-+([0-9]).md'],
    statuses: statusList({
      Idea: 'todo',
      Draft: 'todo',
      Review: 'doing',
      'Last Call': 'doing',
      Final: 'done',
      Living: 'done',
      Stagnant: 'done',
      Withdrawn: 'done',
      Moved: 'done',
    }),
    aliases: { eip: 'id', author: 'owner', requires: 'depends_on' },
    required: ['id', { field: 'title', unless: { status: ['Moved'] } }, 'status'],
    // A stub that only says where the proposal moved: known as a reference target, out of checks and views.
    skip: { status: ['Moved'] },
    fields: {
      owner: { split: ',' },
      depends_on: { split: ',' },
      description: { type: 'string' },
      'discussions-to': { type: 'url' },
      type: { type: 'enum', values: ['Standards Track', 'Meta', 'Informational'] },
      category: { type: 'enum', values: ['Core', 'Networking', 'Interface', 'ERC'] },
      created: { type: 'date' },
      'last-call-deadline': { type: 'date' },
      'withdrawal-reason': { type: 'string' },
      // Headers of older proposals, from before EIP-1 dropped them.
      updated: { type: 'string' },
      replaces: { type: 'list', split: ',' },
      'superseded-by': { type: 'list', split: ',' },
      resolution: { type: 'url' },
      'review-period-end': { type: 'string' },
    },
  }),
};
