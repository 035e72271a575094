//! Term glossaries: the CSV file translators keep, matching that understands Chinese, checks, mining, exchange formats.
