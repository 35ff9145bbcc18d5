#!/usr/bin/env python3
"""Overlap, format and count check for held-out part 13 (heldout13.tsv). Stdlib only.

Format: every non-empty line has exactly three tab-separated columns, a non-empty question, column 1 a page of
handbook/ or "-", column 2 a page of handbook/ (different from column 1) or "-", and "-" in column 2 when column 1
is "-". Each question of heldout13.tsv is compared, by the Jaccard index of its content-word set, with every question
of tuning.tsv, heldout.tsv and heldout2.tsv .. heldout12.tsv (all earlier parts, part 10 included) and with every
other question of part 13. Words: lower case, tokens [a-z0-9]+, one-letter tokens and stop words
dropped. It also prints the containment |A & B| / |A| (the share of the new question's word set found in the other
question).
Usage: python3 make_heldout13_check.py [--show N]   (exit status 1 when a pair is at >= 0.4)
"""
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
LIMIT = 0.4
EARLIER = ["tuning.tsv", "heldout.tsv"] + ["heldout%d.tsv" % i for i in range(2, 13)]
PART = "heldout13.tsv"
TOTAL = (190, 215)          # the brief: about 200 questions
UNANSWERABLE = (55, 65)     # the brief: about 60 of them unanswerable

STOP = set("""
a about above after again against all am an and any are aren as at be because been before being below between both
but by can cannot could did didn do does doesn doing don down during each few for from further had has have having
he her here hers herself him himself his how i if in into is isn it its itself just let me more most my myself no
nor not now of off on once only or other ought our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very was we
were weren what when where which while who whom why will with won would you your yours yourself yourselves get got
gets ok okay please pls plz hi hey thx thanks anyone someone anything something im ive id youre thats whats
theres dont cant wont isnt doesnt didnt also still even really actually like need needs want wants one way go
going s t re ve ll d m u ur ya yeah yes
""".split())


def words(question):
    return {w for w in re.findall(r"[a-z0-9]+", question.lower()) if len(w) > 1 and w not in STOP}


def read(name):
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 3 or not parts[2].strip() or parts[2] != parts[2].strip():
                sys.exit("%s: bad line %r" % (name, line))
            rows.append(parts)
    return rows


def jaccard(a, b):
    return len(a & b) / len(a | b) if a | b else 0.0


def main():
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
    earlier = [(name, q, words(q)) for name in EARLIER for _, _, q in read(name)]
    part = read(PART)
    pages = set(os.listdir(os.path.join(HERE, "handbook")))
    bad_labels = [r for r in part if (r[0] != "-" and r[0] not in pages) or (r[1] != "-" and r[1] not in pages)
                  or (r[0] == "-" and r[1] != "-") or (r[1] != "-" and r[1] == r[0])]
    flagged, closest, contain = [], [], []
    within = (0.0, "", "")
    for i, (_, _, q) in enumerate(part):
        a = words(q)
        best = (0.0, "", "")
        best_c = 0.0
        for name, q2, b in earlier:
            j = jaccard(a, b)
            if j > best[0]:
                best = (j, name, q2)
            if a:
                best_c = max(best_c, len(a & b) / len(a))
            if j >= LIMIT:
                flagged.append((j, q, name, q2))
        for k, (_, _, q2) in enumerate(part):
            if k != i:
                j = jaccard(a, words(q2))
                if j > within[0]:
                    within = (j, q, q2)
                if j >= LIMIT and k > i:
                    flagged.append((j, q, PART, q2))
        closest.append((best[0], q, best[1], best[2]))
        contain.append(best_c)
    dup = [q for q, n in Counter(r[2] for r in part).items() if n > 1]
    answerable = [r for r in part if r[0] != "-"]
    print("earlier questions compared: %d (%s)" % (len(earlier), ", ".join(EARLIER)))
    print("part 13: %d questions, %d answerable, %d unanswerable (%.0f %% / %.0f %%), %d with a second page"
          % (len(part), len(answerable), len(part) - len(answerable), 100.0 * len(answerable) / len(part),
             100.0 * (len(part) - len(answerable)) / len(part), sum(1 for r in part if r[1] != "-")))
    by_page = Counter(r[0] for r in part)
    for page in sorted(pages) + ["-"]:
        print("  %-26s %d" % (page, by_page.get(page, 0)))
    missing = sorted(p for p in pages if by_page.get(p, 0) == 0)
    print("bad labels: %d, duplicate questions: %d, handbook pages with no question: %d %s"
          % (len(bad_labels), len(dup), len(missing), missing or ""))
    for r in bad_labels:
        print("  bad label: %s" % "\t".join(r))
    print("pairs at >= %.1f (Jaccard of word sets): %d" % (LIMIT, len(flagged)))
    for j, q, name, q2 in sorted(flagged, reverse=True):
        print("  %.3f  %s  <->  %s: %s" % (j, q, name, q2))
    buckets = Counter(min(int(c * 20) / 20, 0.35) for c, _, _, _ in closest)
    print("closest earlier match (Jaccard), by bucket:",
          ", ".join("%.2f: %d" % (b, n) for b, n in sorted(buckets.items())))
    print("max Jaccard to an earlier question: %.3f; max containment (share of the question's words): %.3f, "
          "questions with containment >= %.1f: %d" % (max(c[0] for c in closest), max(contain), LIMIT,
                                                      sum(1 for c in contain if c >= LIMIT)))
    print("closest pair within part 13: %.3f (%s <-> %s)" % within)
    for j, q, name, q2 in sorted(closest, reverse=True)[:show]:
        print("  %.3f  %s  <->  %s: %s" % (j, q, name, q2))
    n_un = len(part) - len(answerable)
    counts_ok = TOTAL[0] <= len(part) <= TOTAL[1] and UNANSWERABLE[0] <= n_un <= UNANSWERABLE[1]
    print("counts within the expected ranges (total %d-%d, unanswerable %d-%d): %s"
          % (TOTAL + UNANSWERABLE + ("yes" if counts_ok else "NO",)))
    return 1 if flagged or bad_labels or dup or missing or not counts_ok else 0


if __name__ == "__main__":
    sys.exit(main())
