import chineseDays from 'chinese-days';

/**
 * The test's own count of working days, straight from the holiday library (not through Sunboard's
 * calendar): `n` working days after `from`, counting from the next day.
 */
export function libraryWorkingDaysAfter(from: string, n: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (chineseDays.isWorkday(d.toISOString().slice(0, 10))) left--;
  }
  return d.toISOString().slice(0, 10);
}
