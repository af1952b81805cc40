// RFC 3339 section 5.6 "date-time" with the house rule on top: an upper-case "T" between date
// and time and an explicit offset ("Z" or "+hh:mm"). Python's str(datetime) (a space) and naive
// timestamps (no offset) both fail, though ajv-formats and Prism accept one or the other.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRfc3339DateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (match === null) return false;
  const [, year, month, day, hour, minute, second, , offsetHour, offsetMinute] = match.map(Number);
  return (
    isValidDay(year ?? 0, month ?? 0, day ?? 0) &&
    (hour ?? 99) <= 23 &&
    (minute ?? 99) <= 59 &&
    (second ?? 99) <= 60 &&
    (Number.isNaN(offsetHour) || (offsetHour ?? 0) <= 23) &&
    (Number.isNaN(offsetMinute) || (offsetMinute ?? 0) <= 59)
  );
}

export function isFullDate(text: string): boolean {
  const match = DATE.exec(text);
  return match !== null && isValidDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Field names that hold an instant or a day in this API (D5 of the design decisions). */
export function isTimestampName(name: string): boolean {
  return (
    /(^|_)at$/.test(name) ||
    ['timestamp', 'date', 'estimated_completion', 'last_updated', 'last_accessed'].includes(name)
  );
}

// A bare date, or a date followed by a time, is meant to be a timestamp whatever its field is
// called; "2024-12-05 weekly backup" is a title.
export function looksLikeTimestamp(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}|$)/.test(text);
}

function isValidDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}
