/** Small, dependency-free statistics for benchmark output. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] as number
}

export const median = (values: number[]): number => percentile(values, 50)

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`
}

/** Prints rows as an aligned table. */
export function printTable(rows: string[][]): void {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? []
  for (const row of rows) {
    console.log(row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  '))
  }
}
