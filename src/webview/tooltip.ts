// The hover (and keyboard focus) summary of a feature. Rendered by the panel rather than with `title`, so it
// can show structured lines, appear on focus for keyboard users, and never be parsed as markup.
import type { FeatureView } from '../shared/protocol';
import { closestWith, h } from './dom';
import { summaryLines } from './featureText';

const hoverDelay = 350;

export class Tooltip {
  readonly element: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private anchor: Element | undefined;

  constructor(
    root: HTMLElement,
    private readonly lookup: (
      file: string,
    ) => { feature: FeatureView; statusTitle: string; milestoneTitle?: string } | undefined,
  ) {
    this.element = h('div', { class: 'tooltip', role: 'tooltip', id: 'roadmap-tooltip', hidden: true });
    root.addEventListener('mouseover', (event) => {
      const target = closestWith(event.target, 'data-file');
      if (!target || target === this.anchor) return;
      this.schedule(target, () => this.showAtPointer(target, event.clientX, event.clientY));
    });
    root.addEventListener('mouseout', (event) => {
      const target = closestWith(event.target, 'data-file');
      const next = closestWith(event.relatedTarget, 'data-file');
      if (target && target !== next) this.hide();
    });
    root.addEventListener('focusin', (event) => {
      const target = closestWith(event.target, 'data-file');
      if (target && target.matches(':focus-visible')) this.show(target, target.getBoundingClientRect());
      else this.hide();
    });
    root.addEventListener('focusout', () => this.hide());
    root.addEventListener('pointerdown', () => this.hide());
    root.addEventListener('scroll', () => this.hide(), true);
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.hide();
    });
  }

  private schedule(target: Element, show: () => void): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(show, hoverDelay);
    this.anchor = target;
  }

  private showAtPointer(target: Element, x: number, y: number): void {
    this.show(target, new DOMRect(x, y, 0, 16));
  }

  private show(target: Element, near: DOMRect): void {
    const file = target.getAttribute('data-file');
    const entry = file === null ? undefined : this.lookup(file);
    if (!entry || !target.isConnected) return;
    this.anchor = target;
    const rows = summaryLines(entry.feature, entry.statusTitle, entry.milestoneTitle).filter(
      ([label]) => label !== 'Id',
    );
    this.element.replaceChildren(
      h('div', { class: 'tooltip-title' }, entry.feature.title || '(untitled)'),
      h('div', { class: 'tooltip-id' }, entry.feature.id),
      h(
        'dl',
        {},
        ...rows.flatMap(([label, value]) => [
          h('dt', {}, label),
          h('dd', { class: label === 'Problems' ? 'problems-text' : undefined }, value),
        ]),
      ),
    );
    this.element.hidden = false;
    // Keep it on screen: below the anchor if there is room, else above; clamp horizontally.
    const box = this.element.getBoundingClientRect();
    const left = Math.min(Math.max(8, near.left + 12), window.innerWidth - box.width - 8);
    const below = near.bottom + 8;
    const top = below + box.height < window.innerHeight ? below : Math.max(8, near.top - box.height - 8);
    this.element.style.left = `${left}px`;
    this.element.style.top = `${top}px`;
  }

  hide(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.anchor = undefined;
    this.element.hidden = true;
  }
}
