// Kubernetes Enhancement Proposals (https://github.com/kubernetes/enhancements, keps/NNNN-kep-template):
// each KEP is a folder `keps/<sig>/<number>-<name>/` whose metadata is `kep.yaml` and whose text is the
// README.md beside it. `milestone` maps each stage to a release; `latest-milestone` is the current one;
// `replaces` and `see-also` name other KEPs by folder path.
import { statusList, type Preset } from './preset';

export const kep: Preset = {
  name: 'kep',
  title: 'Kubernetes KEPs',
  signature: ['**/kep.yaml'],
  locate: (found) => (found.some((file) => /(^|\/)kep\.yaml$/.test(file)) ? '' : undefined),
  config: () => ({
    include: ['**/kep.yaml'],
    // The template's placeholders (`status: provisional|implementable|…`) are not a KEP.
    exclude: ['**/NNNN-kep-template/**'],
    sidecarMarkdown: 'README.md',
    statuses: statusList({
      provisional: 'todo',
      implementable: 'doing',
      implemented: 'done',
      deferred: 'todo',
      rejected: 'done',
      withdrawn: 'done',
      replaced: 'done',
    }),
    aliases: {
      'kep-number': 'id',
      authors: 'owner',
      'owning-sig': 'team',
      // A KEP replacing another must not be replaced by it in turn: read as a dependency, a loop is caught
      // and a path to no KEP is reported. `see-also` links both ways by nature, so it stays a plain list.
      replaces: 'depends_on',
      milestone: 'stage-milestones',
    },
    // Older KEPs have no kep-number: the number in the folder name is the id.
    ids: { fromPath: '(?:^|/)(\\d+)-[^/]+/kep\\.yaml$' },
    fields: {
      // A version, so that YAML reading `1.20` as 1.2 is explained; `0.0` is the template's placeholder.
      'latest-milestone': { type: 'version', empty: ['0.0', '0', 'TBD', ''] },
      'stage-milestones': {
        type: 'map',
        description: 'The release at which the KEP reached (or targets) each stage.',
        fields: {
          alpha: { type: 'version', empty: ['0.0', 'TBD', ''] },
          beta: { type: 'version', empty: ['0.0', 'TBD', ''] },
          stable: { type: 'version', empty: ['0.0', 'TBD', ''] },
          deprecated: { type: 'version', empty: ['0.0', 'TBD', ''] },
          removed: { type: 'version', empty: ['0.0', 'TBD', ''] },
        },
      },
      stage: { type: 'enum', values: ['alpha', 'beta', 'stable', 'deprecated', 'removed'] },
      'participating-sigs': { type: 'list' },
      reviewers: { type: 'list' },
      approvers: { type: 'list' },
      'prr-approvers': { type: 'list' },
      editor: { type: 'string', empty: ['TBD'] },
      'creation-date': { type: 'date' },
      'last-updated': { type: 'date' },
      'see-also': { type: 'list' },
      'superseded-by': { type: 'list' },
      'feature-gates': { type: 'any' },
      'disable-supported': { type: 'boolean' },
      metrics: { type: 'any' },
    },
    // kep.yaml grows keys as the production-readiness process adds questions; unknown keys are not problems.
    rules: { 'unknown-field': 'off' },
  }),
};
