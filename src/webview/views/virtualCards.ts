// Virtualised card lists for the board, Now/Next/Later and MoSCoW. At 10,000 features these views held about
// 120,000 elements, and building, styling and laying them out took seconds per tab switch or filter change.
// A long list now keeps only the cards near the viewport in the DOM (between two spacers that stand in for
// the rest), measures them as they are drawn, and draws more as it scrolls, as the keyboard moves through
// it (Tab, Arrow keys, Home/End) or when a feature is revealed. Short lists are drawn whole, as before.
import type { FeatureView } from '../../shared/protocol';
import { closestWith, h } from '../dom';

/**
 * Lists up to this long are drawn whole (cheap, and exactly what the browser lays out), unless they share
 * their scroller with more cards than this (see cardList's `virtualise`).
 */
export const virtualiseAbove = 50;
/** Drawn above and below the viewport, so that scrolling and tabbing rarely meet a blank. */
const marginPx = 800;
/** Height assumed for a card not yet drawn (a one-line title with a meta line); refined by measuring. */
const estimatedCardPx = 84;
/** Cards drawn before the list is in the page and can measure its viewport. */
const firstCards = 30;

/** The steps of drawing a list once it is in the page, run for all lists of a view together. */
const phases = Symbol('phases');
interface MountPhases {
  /** Reads the layout: which cards are in view. */
  plan(): [number, number];
  /** Adds those cards (DOM writes only). */
  place(start: number, end: number): void;
  /** Reads the drawn cards' heights. */
  measure(): void;
  /** Sizes the spacers (DOM writes only). */
  spacers(): void;
}

export interface CardList {
  /** Set on virtualised lists. */
  [phases]?: MountPhases;
  /** The <ul>; its class and role are the caller's. */
  element: HTMLUListElement;
  /** Scrolls a feature's card into the drawn range and returns it, if this list has it. */
  reveal(file: string): HTMLElement | undefined;
}

/**
 * A list of cards, drawn whole or virtualised. `scroller` is the element that scrolls it vertically: the
 * list itself (omit it) or an ancestor that holds several lists (MoSCoW's groups in one column).
 * `virtualise` overrides the choice by length: many short lists in one scroller are many cards all the same
 * (at 1,000 features MoSCoW's thirty groups of up to 50 drew 850 cards, 170-390 ms per tab switch).
 */
export function cardList(
  features: readonly FeatureView[],
  card: (feature: FeatureView) => HTMLElement,
  attrs: {
    class: string;
    /** The selected feature, marked on cards as they are drawn. */
    selected: () => string | undefined;
    scroller?: () => HTMLElement | undefined;
    virtualise?: boolean;
  },
): CardList {
  const element = h('ul', { class: attrs.class, role: 'list' });
  if (features.length === 0 || !(attrs.virtualise ?? features.length > virtualiseAbove)) {
    const fragment = document.createDocumentFragment();
    for (const feature of features) fragment.append(card(feature));
    element.append(fragment);
    return {
      element,
      reveal: (file) =>
        element.querySelector<HTMLElement>(`.card[data-file="${CSS.escape(file)}"]`) ?? undefined,
    };
  }
  return virtualList(element, features, card, attrs.selected, attrs.scroller);
}

function virtualList(
  element: HTMLUListElement,
  features: readonly FeatureView[],
  card: (feature: FeatureView) => HTMLElement,
  selected: () => string | undefined,
  scrollerOf: (() => HTMLElement | undefined) | undefined,
): CardList {
  const count = features.length;
  element.classList.add('virtual');
  element.dataset.total = String(count);
  const indexOf = new Map(features.map((feature, i) => [feature.file, i]));
  const heights = new Float64Array(count).fill(estimatedCardPx);
  const measured = new Uint8Array(count);
  let measuredSum = 0;
  let measuredCount = 0;
  /** offsets[i]: top of card i from the first card's top (gaps included); offsets[count]: the total. */
  const offsets = new Float64Array(count + 1);
  let gap = 0;
  const layoutOffsets = (): void => {
    const guess = measuredCount > 0 ? measuredSum / measuredCount : estimatedCardPx;
    for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + (measured[i] ? heights[i]! : guess) + gap;
  };
  const before = h('li', { class: 'virtual-spacer', 'aria-hidden': 'true', role: 'presentation' });
  const after = h('li', { class: 'virtual-spacer', 'aria-hidden': 'true', role: 'presentation' });
  const drawn = new Map<number, HTMLElement>();
  let from = 0;
  let to = 0;
  let dragging = false;

  const make = (index: number): HTMLElement => {
    const feature = features[index]!;
    const node = card(feature);
    node.dataset.index = String(index);
    if (feature.file === selected()) node.classList.add('selected');
    return node;
  };
  const scroller = (): HTMLElement => scrollerOf?.() ?? element;
  /** Top of the first card in the scroller's content coordinates. */
  const listTop = (): number => {
    const box = scroller();
    if (box === element) return 0;
    return element.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  };
  const firstAtOrBelow = (y: number): number => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid + 1]! <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const spacers = (): void => {
    // Each spacer is a flex item too, so it brings one gap of its own: leave it out of its height.
    before.style.height = `${Math.max(0, offsets[from]! - gap)}px`;
    after.style.height = `${Math.max(0, offsets[count]! - offsets[to]! - gap)}px`;
    before.hidden = from === 0;
    after.hidden = to === count;
  };

  /** Makes [start, end) the drawn range, keeping the cards already drawn in it (and so the focus). */
  const place = (start: number, end: number): void => {
    if (start === from && end === to) return;
    for (const [index, node] of drawn) {
      if (index >= start && index < end) continue;
      node.remove();
      drawn.delete(index);
    }
    const overlaps = drawn.size > 0;
    const draw = (first: number, last: number): DocumentFragment => {
      const fragment = document.createDocumentFragment();
      for (let i = first; i < last; i++) {
        const node = make(i);
        drawn.set(i, node);
        fragment.append(node);
      }
      return fragment;
    };
    // Before the kept cards (or everything, when none is kept), then after them.
    before.after(draw(start, overlaps ? Math.max(start, from) : end));
    if (overlaps) after.before(draw(Math.min(end, to), end));
    from = start;
    to = end;
  };
  /** Measures what was drawn: later estimates (and the spacers) follow the real card heights. */
  const measure = (): void => {
    let changed = false;
    for (const [index, node] of drawn) {
      if (measured[index]) continue;
      const height = node.offsetHeight;
      if (height === 0) continue;
      measured[index] = 1;
      measuredSum += height;
      measuredCount++;
      heights[index] = height;
      changed = true;
    }
    if (changed) layoutOffsets();
  };
  const show = (start: number, end: number): void => {
    place(start, end);
    measure();
    spacers();
  };

  /** Draws the cards that are in (or near) the scroller's viewport. */
  /** The range of cards in (or near) the scroller's viewport. */
  const windowInView = (): [number, number] => {
    const box = scroller();
    const top = box.scrollTop - listTop();
    const viewport = box.clientHeight || window.innerHeight;
    const start = firstAtOrBelow(top - marginPx);
    let end = firstAtOrBelow(top + viewport + marginPx) + 1;
    end = Math.min(count, Math.max(end, start + 1));
    return [start, end];
  };
  const render = (): void => {
    if (dragging || !element.isConnected) return;
    show(...windowInView());
  };

  /** Draws a window that holds `index` and scrolls it into view. */
  const bring = (index: number): HTMLElement => {
    if (index < from || index >= to) {
      const box = scroller();
      box.scrollTop = Math.max(0, listTop() + offsets[index]! - box.clientHeight / 3);
      render();
      if (index < from || index >= to)
        show(Math.max(0, index - firstCards), Math.min(count, index + firstCards));
    }
    return drawn.get(index)!;
  };

  element.append(before, after);
  // No card is drawn before the list is in the page (mountCardLists draws what is in view), but the list
  // already takes its estimated height, so that the lists below it in a shared scroller are placed right.
  layoutOffsets();
  spacers();
  let frame = 0;
  const onScroll = (): void => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      render();
    });
  };
  element.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const current = closestWith(event.target, 'data-index');
    if (!current || current.parentElement !== element) return;
    const index = Number(current.dataset.index);
    const target =
      event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'ArrowUp'
          ? index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? count - 1
              : undefined;
    if (target === undefined || target < 0 || target >= count) return;
    event.preventDefault();
    bring(target).focus();
  });
  // Tab reaches the next card because the cards after a focused one are always drawn.
  element.addEventListener('focusin', (event) => {
    const current = closestWith(event.target, 'data-index');
    if (!current || current.parentElement !== element) return;
    const index = Number(current.dataset.index);
    if (index - from < firstCards / 2 || to - index < firstCards / 2)
      show(
        Math.max(0, Math.min(from, index - firstCards)),
        Math.min(count, Math.max(to, index + firstCards)),
      );
  });
  element.addEventListener('dragstart', () => {
    dragging = true;
  });
  element.addEventListener('dragend', () => {
    dragging = false;
    render();
  });

  const list: CardList = {
    element,
    [phases]: {
      plan: () => {
        gap = parseFloat(getComputedStyle(element).rowGap) || 0;
        layoutOffsets();
        scroller().addEventListener('scroll', onScroll, { passive: true });
        // The selected card stays in reach across re-renders (a tab switch, or a card moved by Alt+Arrow).
        const index = indexOf.get(selected() ?? '');
        if (index !== undefined) {
          const box = scroller();
          box.scrollTop = Math.max(0, listTop() + offsets[index]! - box.clientHeight / 3);
        }
        return windowInView();
      },
      place,
      measure,
      spacers,
    },
    reveal: (file) => {
      const index = indexOf.get(file);
      return index === undefined ? undefined : bring(index);
    },
  };
  return list;
}

/** The card of a feature in whichever of the lists has it, drawn and scrolled into reach. */
export function revealIn(lists: readonly CardList[], file: string): HTMLElement | undefined {
  for (const list of lists) {
    const found = list.reveal(file);
    if (found) return found;
  }
  return undefined;
}

/**
 * Draws the cards in view of every list, once they are in the page. All reads of the layout come before all
 * writes, in two rounds, so a view with thirty lists (MoSCoW) lays out twice rather than sixty times.
 */
export function mountCardLists(lists: readonly CardList[]): void {
  const steps = lists.flatMap((list) => (list[phases] ? [list[phases]] : []));
  const windows = steps.map((step) => step.plan());
  steps.forEach((step, i) => step.place(...windows[i]!));
  for (const step of steps) step.measure();
  for (const step of steps) step.spacers();
}
