// Small, non-blocking notices (a refused write, a failed export). They stack in a corner, announce
// themselves to screen readers and go away on their own.
import { h } from './dom';

const lifetime = 8000;

export class Notices {
  readonly element = h('div', { class: 'notices', 'aria-live': 'polite' });

  show(text: string, kind: 'error' | 'info' = 'error', action?: { label: string; run(): void }): void {
    const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Dismiss' }, '×');
    const notice = h(
      'div',
      { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
      h('span', { class: 'notice-text' }, text),
      close,
    );
    const remove = (): void => notice.remove();
    if (action) {
      const button = h(
        'button',
        { type: 'button', class: 'link-button', 'data-action': 'notice-action' },
        action.label,
      );
      button.addEventListener('click', () => {
        remove();
        action.run();
      });
      close.before(button);
    }
    close.addEventListener('click', remove);
    setTimeout(remove, lifetime);
    this.element.append(notice);
    // Keep the stack short when many writes fail at once.
    while (this.element.children.length > 4) this.element.firstElementChild?.remove();
  }
}
