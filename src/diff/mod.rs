//! Comparing two corpus files row by row and, inside changed rows, word by word.
