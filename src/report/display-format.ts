/** How numbers and dates read for people in the HTML and table views (the JSON keeps raw numbers). */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const
const MINUS = '\u2212' // a real minus sign: a hyphen is too easy to miss

/** 1234.5 → '1,235'; fixed 'en-US' so output does not depend on the host's locale. */
export function formatNumber(value: number, decimals = 0): string {
  const text = value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
  return text.startsWith('-') ? MINUS + text.slice(1) : text
}

/** Always signed: +120, −626, 0. */
export function formatSigned(value: number, decimals = 0): string {
  const text = formatNumber(value, decimals)
  return value > 0 && text !== formatNumber(0, decimals) ? `+${text}` : text
}

/** '2026-11-16' → '16 Nov'. */
export function formatDayMonth(date: string): string {
  const month = MONTHS[Number(date.slice(5, 7)) - 1] ?? '?'
  return `${Number(date.slice(8, 10))} ${month}`
}

/** '2026-11-16' … '2026-11-22' → '16–22 Nov 2026'; across months '30 Nov – 6 Dec 2026'. */
export function formatDateRange(from: string, to: string): string {
  const sameMonth = from.slice(0, 7) === to.slice(0, 7)
  const sameYear = from.slice(0, 4) === to.slice(0, 4)
  if (sameMonth) return `${Number(from.slice(8, 10))}–${formatDayMonth(to)} ${to.slice(0, 4)}`
  const left = sameYear ? formatDayMonth(from) : `${formatDayMonth(from)} ${from.slice(0, 4)}`
  return `${left} – ${formatDayMonth(to)} ${to.slice(0, 4)}`
}

/** 40 → '40 min', 95 → '1 h 35 min'. */
export function formatMinutes(minutes: number): string {
  const whole = Math.round(minutes)
  if (whole < 60) return `${whole} min`
  const rest = whole % 60
  return rest === 0 ? `${whole / 60} h` : `${Math.floor(whole / 60)} h ${rest} min`
}

/** Removes control characters (ANSI escapes in a name must not drive the terminal). */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
}
