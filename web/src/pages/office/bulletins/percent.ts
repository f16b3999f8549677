/** A rate (0–1, or null when there was nothing to count) as a percentage. */
export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
