/** A p-value for a table cell: `0.012`, `<0.001`; non-finite → `n/a`. */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p < 0.001) return '<0.001';
  return p.toFixed(3);
}
