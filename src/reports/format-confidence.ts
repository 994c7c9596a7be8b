/** A confidence level as a percent label without needless decimals: `0.95` → `95%`, `0.975` → `97.5%`. */
export function formatConfidence(confidence: number): string {
  const percent = Math.round(confidence * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}
