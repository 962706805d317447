/**
 * The shell of every HTML report: a self-contained document with no script and a CSP that
 * forbids any (defence in depth behind escaping: even a missed escape could not run code).
 */
import { escapeHtml } from './escape-html.js'
import { HTML_STYLE } from './html-style.js'

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

export function htmlPage(title: string, body: string): string {
  return (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="color-scheme" content="light dark">\n' +
    `<title>${escapeHtml(title)}</title>\n<style>${HTML_STYLE}</style>\n</head>\n<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`
  )
}

/** A chart in a figure, with a visible caption that explains how to read it. */
export function chartFigure(title: string, hint: string, svg: string): string {
  return `<figure>\n<figcaption>${escapeHtml(title)}<span>${escapeHtml(hint)}</span></figcaption>\n${svg}\n</figure>`
}
