// Which statuses mean "stopped without shipping". The config has three categories (todo, doing, done) and a
// dropped feature is "done" for planning (nothing more will happen to it), but a roadmap must not show it as
// shipped: the panel and the exports draw such statuses in their own colour.
import type { StatusCategory } from './types';

const cancelledWords =
  /\b(drop(ped)?|cancel(l?ed)?|abandon(ed)?|reject(ed)?|wont|won't|obsolete|declined)\b/i;

export function isCancelledStatus(
  status: { id?: string; title: string; category: StatusCategory } | undefined,
  fallbackId = '',
): boolean {
  if (!status) return cancelledWords.test(fallbackId);
  return (
    status.category === 'done' &&
    (cancelledWords.test(status.id ?? fallbackId) || cancelledWords.test(status.title))
  );
}
