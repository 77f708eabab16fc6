/**
 * A count with its noun, in the plural unless the count is exactly 1: "1 feature", "0 features", "2 features".
 * The plural adds an "s" to the whole phrase ("feature file" → "feature files"); an irregular noun passes its
 * plural ("dependency", "dependencies"). Every surface (CLI, tree, status bar, panel, site, agent tools) counts
 * with this one rule, so the same count reads the same everywhere.
 */
export function plural(count: number, noun: string, pluralNoun?: string): string {
  return `${count} ${nounFor(count, noun, pluralNoun)}`;
}

/** The noun alone, by the same rule, for a phrase whose count is written apart ("1 changed, 2 added features"). */
export function nounFor(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return count === 1 ? noun : pluralNoun;
}
