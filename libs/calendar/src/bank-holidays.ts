import shipped from './data/bank-holidays.json';
import { bankHolidaysByRule } from './bank-holiday-rules';

/** One entry of GOV.UK's bank-holidays.json (https://www.gov.uk/bank-holidays.json). */
export interface BankHolidayEvent {
  title: string;
  date: string;
  notes: string;
  bunting: boolean;
}

export interface BankHolidayList {
  'england-and-wales': { division: 'england-and-wales'; events: BankHolidayEvent[] };
}

const LIST = shipped as BankHolidayList;

/**
 * England and Wales bank holidays (R-TIME: working days exclude weekends and bank holidays).
 * The official GOV.UK list shipped in data/bank-holidays.json is the source for every year it
 * covers (`npm run calendar:refresh` updates it); a year beyond it falls back to the statutory
 * rules, which cannot know a future one-off (a jubilee, a state funeral) — hence the test that
 * fails when fewer than 12 months of the official list remain.
 */
export class EnglandAndWalesBankHolidays {
  private readonly listed: ReadonlySet<string>;
  private readonly byRule = new Map<number, ReadonlySet<string>>();
  readonly firstListedYear: number;
  readonly lastListedYear: number;

  constructor(events: readonly BankHolidayEvent[] = LIST['england-and-wales'].events) {
    if (events.length === 0) throw new Error('the bank holiday list is empty');
    const dates = events.map((event) => event.date).sort();
    this.listed = new Set(dates);
    this.firstListedYear = Number(dates[0].slice(0, 4));
    this.lastListedYear = Number(dates[dates.length - 1].slice(0, 4));
  }

  /** The last date the official list speaks for: 31 December of its last year. */
  get listedUntil(): string {
    return `${this.lastListedYear}-12-31`;
  }

  /** `date` is an ISO calendar date (YYYY-MM-DD) in England. */
  isBankHoliday(date: string): boolean {
    const year = Number(date.slice(0, 4));
    if (year >= this.firstListedYear && year <= this.lastListedYear) return this.listed.has(date);
    return this.ruleHolidaysOf(year).has(date);
  }

  holidaysIn(year: number): string[] {
    if (year >= this.firstListedYear && year <= this.lastListedYear) return [...this.listed].filter((d) => d.startsWith(`${year}-`));
    return [...this.ruleHolidaysOf(year)];
  }

  private ruleHolidaysOf(year: number): ReadonlySet<string> {
    let dates = this.byRule.get(year);
    if (!dates) {
      dates = new Set(bankHolidaysByRule(year).map((holiday) => holiday.date));
      this.byRule.set(year, dates);
    }
    return dates;
  }
}

export function shippedBankHolidayList(): BankHolidayList {
  return LIST;
}
