/** `$1,234.56` from minor units, by integer arithmetic. */
export function formatMoney(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const major = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${major}.${(abs % 100).toString().padStart(2, '0')}`;
}

/** Minor units from what a person types (`100`, `100.5`, `1,000.00`); null when it is not an amount. */
export function parseMoney(input: string): number | null {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(input.trim().replace(/,/g, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
