// The details pane: the selected feature beside the view, with its fields editable in place (the same values,
// rubric labels and validation as the editor: the host checks every edit with the editor's rules and refuses
// it with the rule's message), its score and formula, dependencies both ways, evidence and its body. Opening
// the file is an explicit action here (a button); a click in a view only selects.
import { confidenceRubric, impactRubric, moscowRubric } from '../core/schema';
import type {
  BodyBlock,
  BodyInline,
  EditableField,
  FeatureDetails,
  FeatureView,
  FieldEdit,
  RoadmapModel,
} from '../shared/protocol';
import { h } from './dom';
import { formatScore, problemsText } from './featureText';
import { fieldValue } from './undo';

export interface DetailsActions {
  edit(file: string, edits: FieldEdit[], label: string): void;
  open(file: string): void;
  select(file: string | undefined): void;
  openLink(url: string): void;
}

const fieldLabels: Record<EditableField, string> = {
  status: 'Status',
  moscow: 'MoSCoW',
  milestone: 'Milestone',
  owner: 'Owner',
  team: 'Team',
  goal: 'Goal',
  quarter: 'Quarter',
  start: 'Start',
  end: 'End',
  reach: 'Reach',
  impact: 'Impact',
  confidence: 'Confidence',
  effort: 'Effort',
};

/** Distinct values of a free-text field across the roadmap: the completion list of its input. */
function knownValues(model: RoadmapModel, field: 'owner' | 'team' | 'quarter'): string[] {
  const values = new Set<string>();
  for (const feature of model.features) {
    const value = feature[field];
    if (value) values.add(value);
  }
  if (field === 'quarter') {
    const year = Number(model.today.slice(0, 4));
    for (const y of [year, year + 1]) for (const q of [1, 2, 3, 4]) values.add(`${y}-Q${q}`);
  }
  return [...values].sort((a, b) => a.localeCompare(b));
}

function inlineNodes(parts: readonly BodyInline[], openLink: (url: string) => void): Node[] {
  return parts.map((part) => {
    let node: HTMLElement | Text = document.createTextNode(part.text);
    if (part.style === 'strong') node = h('strong', {}, node);
    else if (part.style === 'emphasis') node = h('em', {}, node);
    else if (part.style === 'code') node = h('code', {}, node);
    if (part.href) {
      const href = part.href;
      const link = h('a', { href: '#', title: href, 'data-href': href }, node);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        openLink(href);
      });
      return link;
    }
    return node;
  });
}

export function renderBody(blocks: readonly BodyBlock[], openLink: (url: string) => void): HTMLElement {
  const root = h('div', { class: 'details-body markdown' });
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        root.append(
          h(
            `h${Math.min(6, Math.max(3, block.depth + 2))}` as 'h3',
            {},
            ...inlineNodes(block.text, openLink),
          ),
        );
        break;
      case 'paragraph':
        root.append(h('p', {}, ...inlineNodes(block.text, openLink)));
        break;
      case 'quote':
        root.append(h('blockquote', {}, ...inlineNodes(block.text, openLink)));
        break;
      case 'code':
        root.append(h('pre', {}, h('code', {}, block.text)));
        break;
      case 'rule':
        root.append(h('hr'));
        break;
      case 'list': {
        const list = h(block.ordered ? 'ol' : 'ul', {});
        for (const item of block.items) {
          const li = h('li', {}, ...inlineNodes(item.text, openLink));
          if (item.checked !== undefined) {
            li.classList.add('task');
            li.prepend(
              h(
                'span',
                { class: 'task-box', 'aria-label': item.checked ? 'done' : 'open' },
                item.checked ? '☑ ' : '☐ ',
              ),
            );
          }
          list.append(li);
        }
        root.append(list);
        break;
      }
    }
  }
  if (blocks.length === 0) root.append(h('p', { class: 'muted' }, 'No description yet.'));
  return root;
}

export class DetailsPane {
  readonly element = h('aside', {
    class: 'details',
    'aria-label': 'Feature details',
    hidden: true,
    tabindex: -1,
  });
  private details: FeatureDetails | undefined;
  private shown: string | undefined;

  constructor(private readonly actions: DetailsActions) {
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !(event.target instanceof HTMLSelectElement)) {
        event.preventDefault();
        this.actions.select(undefined);
      }
    });
  }

  get file(): string | undefined {
    return this.shown;
  }

  setDetails(details: FeatureDetails): void {
    this.details = details;
  }

  /** Draws the feature, or hides the pane. Keeps the field being typed in when the same feature is redrawn. */
  render(model: RoadmapModel | undefined, feature: FeatureView | undefined): void {
    if (!model || !feature) {
      this.element.hidden = true;
      this.shown = undefined;
      this.element.replaceChildren();
      return;
    }
    const active = document.activeElement;
    const activeField =
      active instanceof HTMLElement && this.element.contains(active)
        ? active.getAttribute('data-field')
        : null;
    if (this.shown !== feature.file) this.details = undefined;
    this.shown = feature.file;
    this.element.hidden = false;
    const details = this.details?.file === feature.file ? this.details : undefined;
    this.element.replaceChildren(
      this.header(feature),
      this.problems(feature),
      this.fields(model, feature),
      this.score(model, feature, details),
      this.dependencies(model, feature),
      this.evidence(details),
      h(
        'section',
        { class: 'details-section' },
        h('h2', {}, 'Description'),
        details ? renderBody(details.body, this.actions.openLink) : h('p', { class: 'muted' }, 'Loading…'),
      ),
    );
    if (activeField)
      this.element
        .querySelector<HTMLElement>(`[data-field="${activeField}"]`)
        ?.focus({ preventScroll: true });
  }

  private header(feature: FeatureView): HTMLElement {
    const open = h(
      'button',
      {
        type: 'button',
        class: 'open-file',
        'data-action': 'open-file',
        title: 'Open the feature file (Enter or double click on the item also opens it)',
      },
      'Open file',
    );
    open.addEventListener('click', () => this.actions.open(feature.file));
    const close = h(
      'button',
      {
        type: 'button',
        class: 'icon-button',
        'data-action': 'close-details',
        'aria-label': 'Close details',
        title: 'Close (Escape)',
      },
      '×',
    );
    close.addEventListener('click', () => this.actions.select(undefined));
    return h(
      'header',
      { class: 'details-header' },
      h(
        'div',
        { class: 'details-title' },
        h('span', { class: 'details-id' }, feature.id),
        h('h1', {}, feature.title),
      ),
      h('div', { class: 'details-actions' }, open, close),
    );
  }

  private problems(feature: FeatureView): HTMLElement | string {
    const text = problemsText(feature);
    if (!text) return '';
    const button = h(
      'button',
      { type: 'button', class: 'link-button', 'data-action': 'open-problems' },
      'open the file to see them',
    );
    button.addEventListener('click', () => this.actions.open(feature.file));
    return h(
      'p',
      {
        class: `details-problems ${feature.problems.errors > 0 ? 'has-errors' : 'has-warnings'}`,
        role: 'note',
      },
      `${text}: `,
      button,
    );
  }

  private commit(feature: FeatureView, field: EditableField, value: string, display = value): void {
    if (value.trim() === fieldValue(feature, field)) return;
    this.actions.edit(
      feature.file,
      [{ field, value: value.trim() }],
      `${fieldLabels[field].toLowerCase()} → ${display.trim() || '(none)'}`,
    );
  }

  private selectField(
    feature: FeatureView,
    field: EditableField,
    options: [string, string][],
    allowNone: boolean,
  ): HTMLElement {
    const current = fieldValue(feature, field);
    const select = h('select', { 'data-field': field, id: `details-${field}` });
    if (allowNone || current === '') select.append(h('option', { value: '' }, '(none)'));
    for (const [value, label] of options) select.append(h('option', { value }, label));
    if (current !== '' && !options.some(([value]) => value === current))
      select.append(h('option', { value: current }, `${current} (not configured)`));
    select.value = current;
    select.addEventListener('change', () =>
      this.commit(feature, field, select.value, select.selectedOptions[0]?.textContent ?? select.value),
    );
    return this.row(field, select);
  }

  private inputField(
    feature: FeatureView,
    field: EditableField,
    type: 'text' | 'date',
    completions: string[] = [],
    placeholder = '',
  ): HTMLElement {
    const input = h('input', {
      type,
      'data-field': field,
      id: `details-${field}`,
      placeholder,
      spellcheck: 'false',
      autocomplete: 'off',
    });
    input.value = fieldValue(feature, field);
    const list = h('datalist', { id: `details-${field}-values` });
    for (const value of completions) list.append(h('option', { value }));
    if (completions.length > 0) input.setAttribute('list', list.id);
    input.addEventListener('change', () => this.commit(feature, field, input.value));
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.commit(feature, field, input.value);
      } else if (event.key === 'Escape') {
        input.value = fieldValue(feature, field);
      }
    });
    const row = this.row(field, input);
    if (completions.length > 0) row.append(list);
    return row;
  }

  private row(field: EditableField, control: HTMLElement): HTMLElement {
    return h(
      'div',
      { class: 'details-row' },
      h('label', { for: `details-${field}` }, fieldLabels[field]),
      control,
    );
  }

  private fields(model: RoadmapModel, feature: FeatureView): HTMLElement {
    const rows: HTMLElement[] = [
      this.selectField(
        feature,
        'status',
        model.statuses.map((status) => [status.id, status.title]),
        false,
      ),
      this.selectField(
        feature,
        'moscow',
        moscowRubric.map((entry) => [entry.value, entry.label]),
        true,
      ),
      model.milestones.length > 0
        ? this.selectField(
            feature,
            'milestone',
            model.milestones.map((m) => [m.id, m.date ? `${m.title} (${m.date})` : m.title]),
            true,
          )
        : this.inputField(feature, 'milestone', 'text'),
      this.inputField(feature, 'quarter', 'text', knownValues(model, 'quarter'), 'yyyy-Qn'),
      this.inputField(feature, 'start', 'date'),
      this.inputField(feature, 'end', 'date'),
      this.inputField(feature, 'owner', 'text', knownValues(model, 'owner')),
      this.inputField(feature, 'team', 'text', knownValues(model, 'team')),
      model.goals.length > 0
        ? this.selectField(
            feature,
            'goal',
            model.goals.map((goal) => [goal.id, goal.title]),
            true,
          )
        : this.inputField(feature, 'goal', 'text'),
    ];
    return h('section', { class: 'details-section details-fields' }, h('h2', {}, 'Fields'), ...rows);
  }

  private score(model: RoadmapModel, feature: FeatureView, details: FeatureDetails | undefined): HTMLElement {
    const section = h('section', { class: 'details-section details-score' }, h('h2', {}, 'Score'));
    section.append(
      h(
        'p',
        { class: 'score-line' },
        h(
          'strong',
          { 'data-score': feature.score === undefined ? '' : String(feature.score) },
          feature.score === undefined ? 'No score yet' : formatScore(feature.score),
        ),
        feature.rank ? ` · rank #${feature.rank}` : '',
      ),
      h('p', { class: 'muted formula' }, details?.scoreExplanation ?? details?.formula ?? ''),
    );
    if (model.scoringModel !== 'rice') {
      section.append(
        h('p', { class: 'muted' }, `The ${model.scoringModel.toUpperCase()} inputs are edited in the file.`),
      );
      return section;
    }
    const rubric = (entries: readonly { value: number; label: string; meaning: string }[], suffix = '') =>
      entries.map((entry): [string, string] => [
        String(entry.value),
        `${entry.value}${suffix} · ${entry.label}: ${entry.meaning}`,
      ]);
    section.append(
      this.inputField(feature, 'reach', 'text', [], 'people per quarter'),
      this.selectField(feature, 'impact', rubric(impactRubric), true),
      this.selectField(feature, 'confidence', rubric(confidenceRubric, '%'), true),
      this.inputField(feature, 'effort', 'text', [], 'person-months'),
    );
    return section;
  }

  private featureLink(model: RoadmapModel, id: string): HTMLElement {
    const target = model.features.find((candidate) => candidate.id === id);
    if (!target) return h('li', { class: 'missing' }, `${id} (no feature has this id)`);
    const button = h(
      'button',
      { type: 'button', class: 'link-button', 'data-select': target.file },
      `${target.id} · ${target.title}`,
    );
    button.addEventListener('click', () => this.actions.select(target.file));
    return h('li', {}, button);
  }

  private dependencies(model: RoadmapModel, feature: FeatureView): HTMLElement {
    const neededBy = model.features.filter((other) => other.dependsOn.includes(feature.id));
    const list = (items: HTMLElement[], empty: string) =>
      items.length > 0 ? h('ul', { class: 'details-links' }, ...items) : h('p', { class: 'muted' }, empty);
    return h(
      'section',
      { class: 'details-section details-dependencies' },
      h('h2', {}, 'Dependencies'),
      h('h3', {}, 'Depends on'),
      list(
        feature.dependsOn.map((id) => this.featureLink(model, id)),
        'Nothing.',
      ),
      h('h3', {}, 'Needed by'),
      list(
        neededBy.map((other) => this.featureLink(model, other.id)),
        'No feature depends on it.',
      ),
    );
  }

  private evidence(details: FeatureDetails | undefined): HTMLElement | string {
    if (!details) return '';
    const items = details.evidence.map((link) => {
      const anchor = h('a', { href: '#', 'data-href': link.url, title: link.url }, link.note ?? link.url);
      anchor.addEventListener('click', (event) => {
        event.preventDefault();
        this.actions.openLink(link.url);
      });
      return h('li', {}, anchor);
    });
    return h(
      'section',
      { class: 'details-section details-evidence' },
      h('h2', {}, 'Evidence'),
      items.length > 0
        ? h('ul', { class: 'details-links' }, ...items)
        : h('p', { class: 'muted' }, 'No evidence links.'),
    );
  }
}
