//! The drift report: where the Chinese departs from the English source.
