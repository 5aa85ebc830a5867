#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""How much better could a line filter make winnow's output?

    headroom.py TRUTH.jsonl OUTDIR [OUTDIR ...]

For each page of a wcxb-style truth file (one JSON object a line with
"id", "body" and "page_type") and OUTDIR/<id>.txt, the lines of the
output are ranked by the share of their words found in the truth, and
the prefix of that ranking with the best F1 (the bag-of-words F1 of
../shared/bench/score.py --metric wcxb) is kept.  That F1 is what a
step that only deletes lines could reach if it knew the truth: an upper
bound for pruning OUTDIR's text, not a score.  Given the whole-page
text (winnow --steps '' --to text), it bounds any extractor that picks
lines of the page.  A page whose truth is empty counts 1 (an empty
output is allowed).  Prints the mean per page, overall and per type,
beside the output's own mean F1.
"""
import json
import re
import sys
from collections import Counter, defaultdict

TOKEN = re.compile(r'\w+', re.UNICODE)


def words(text):
    return TOKEN.findall(text.lower())


def f1(overlap, npred, ntruth):
    if not overlap:
        return 0.0
    p, r = overlap / npred, overlap / ntruth
    return 2 * p * r / (p + r)


def page(truth_text, out_text):
    """(F1 of the output, best F1 of a prefix of its ranked lines)"""
    truth = Counter(words(truth_text))
    ntruth = sum(truth.values())
    lines = [w for w in map(words, out_text.split('\n')) if w]
    if not ntruth:
        return (0.0 if lines else 1.0), 1.0
    allw = Counter(w for ln in lines for w in ln)
    own = f1(sum((allw & truth).values()), sum(allw.values()), ntruth)
    ranked = sorted(lines, key=lambda ln: (
        -sum((Counter(ln) & truth).values()) / len(ln), -len(ln)))
    kept = Counter()
    overlap = npred = 0
    best = 0.0
    for ln in ranked:
        for w, k in Counter(ln).items():
            have = kept[w]
            overlap += min(have + k, truth[w]) - min(have, truth[w])
            kept[w] = have + k
        npred += len(ln)
        best = max(best, f1(overlap, npred, ntruth))
    return own, best


def main(argv):
    if len(argv) < 3 or argv[1] in ('-h', '--help'):
        sys.stderr.write(__doc__)
        return 2
    truths = []
    with open(argv[1], encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            try:
                truths.append(json.loads(line))
            except ValueError as e:
                sys.stderr.write('%s:%d: %s\n' % (argv[1], n, e))
                return 2
    for outdir in argv[2:]:
        own, best = defaultdict(list), defaultdict(list)
        for t in truths:
            try:
                with open('%s/%s.txt' % (outdir, t['id']),
                          encoding='utf-8', errors='replace') as f:
                    text = f.read()
            except OSError as e:
                sys.stderr.write('headroom.py: %s\n' % e)
                return 1
            o, b = page(t.get('body') or '', text)
            for k in ('all', t.get('page_type') or '-'):
                own[k].append(o)
                best[k].append(b)
        print('%s: %d pages' % (outdir, len(own['all'])))
        for k in ['all'] + sorted(x for x in own if x != 'all'):
            print('  %-14s F1 %.4f  line-filter bound %.4f' % (
                k, sum(own[k]) / len(own[k]), sum(best[k]) / len(best[k])))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
