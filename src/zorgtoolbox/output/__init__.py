"""Output: how results reach the terminal, laid out, styled and in the reader's language.

`terminal` writes (neutralised, whole, UTF-8); `page` lays out lines for the terminal's
width and styles them (rich lives there and nowhere else); the other modules word the
results of one subject each: `validation`, `records` (measures, agencies, terms, hits),
`flows` (next steps, routes), `advice`, and `tables` (CSV and .xlsx).
"""
