// Date suffixes providers put on snapshot names: -20250929, -2025-04-14, -0613, @20240620, -latest.
const datedSuffixes = [/[-@]\d{8}$/, /-\d{4}-\d{2}-\d{2}$/, /-\d{4}$/, /-latest$/, /-preview$/];

/**
 * The names to try, most specific first: the name as given (lower-cased), then with a dated or
 * `-latest` suffix removed, then without a provider prefix (`openai/gpt-4o`, `models/gemini-…`).
 */
export function candidatePriceNames(model: string): string[] {
  const names: string[] = [];
  const add = (name: string) => {
    if (name && !names.includes(name)) names.push(name);
  };
  const lower = model.trim().toLowerCase();
  for (const base of [lower, lower.replace(/^(models\/|[a-z0-9-]+\/)/, '')]) {
    add(base);
    let current = base;
    for (let pass = 0; pass < 2; pass += 1) {
      for (const suffix of datedSuffixes) {
        if (suffix.test(current)) {
          current = current.replace(suffix, '');
          add(current);
        }
      }
    }
  }
  return names;
}
