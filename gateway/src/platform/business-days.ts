import { DAY_MS } from './clock';

/** Midnight UTC starting the day of `at`. */
export function startOfUtcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/** Midnight UTC starting the first business day (Monday to Friday) after the day of `at`. */
export function nextBusinessDay(at: Date): Date {
  let day = new Date(startOfUtcDay(at).getTime() + DAY_MS);
  while (isWeekend(day)) day = new Date(day.getTime() + DAY_MS);
  return day;
}

/** "2026-11-22" for an instant, in UTC. */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
