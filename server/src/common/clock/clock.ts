import { Injectable } from '@nestjs/common';

/**
 * The server's idea of "now". Everything that decides by time (deadlines, overdue reminders,
 * consultation periods) asks this instead of `new Date()`, so tests can set the time
 * (`app.get(Clock).set(...)`) and drive a lifecycle without waiting.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;
  private frozen: number | null = null;

  now(): Date {
    return new Date(this.frozen ?? Date.now() + this.offsetMs);
  }

  /** Tests: stop the clock at `at` (null lets it run again from the real time). */
  set(at: Date | string | null): void {
    this.frozen = at === null ? null : new Date(at).getTime();
    this.offsetMs = 0;
  }

  /** Tests: move the clock forward (a running clock keeps running from there). */
  advance(ms: number): void {
    if (this.frozen !== null) this.frozen += ms;
    else this.offsetMs += ms;
  }
}
