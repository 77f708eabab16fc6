// Numbers as people type them in a form; kept apart from the edit code so the webview can use it without YAML.

/** Reads "2,500", "2 500" or "80%" as the number a person meant; undefined when it is not a number. */
export function parseTypedNumber(text: string): number | undefined {
  const cleaned = text.replace(/[\s,_]/g, '').replace(/%$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : undefined;
}
