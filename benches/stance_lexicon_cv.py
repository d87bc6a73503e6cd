#!/usr/bin/env python3
"""The prototype that chose the learned cue words' settings (README, "Stance").

5-fold cross-validation grouped by topic inside topic_train, with scikit-learn's logistic
regression (class weights (n / 4 n_c)^0.5), over the stance features headcheck computes (the
`stance_features` example's CSV, its `learned_*` columns left out), with and without per-stance
lexicons learned inside each fold from the fold's training bodies: lowercase words present in
bodies of the stance in at least TOPICS distinct topics, weighed by smoothed log-odds, the WORDS
heaviest kept; a body's feature per stance is its lexicon words' summed weight.

    cargo run --release --example stance_features -- \\
        ../shared/data/fnc1/topic_train_stances.csv ../shared/data/fnc1/train_bodies.csv > /tmp/f.csv
    python3 benches/stance_lexicon_cv.py /tmp/f.csv [WORDS,TOPICS ...]   (default: 200,10)

Prints relative FNC-1 score, macro-F1 and per-class F1 pooled over the folds, first without
lexicons. Needs numpy and scikit-learn. Data from ${HEADCHECK_DATA:-../shared}/data/fnc1.
"""

import collections
import csv
import math
import os
import re
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

LABELS = ["agree", "disagree", "discuss", "unrelated"]


def fnc_relative(gold, pred):
    score = best = 0.0
    for g, p in zip(gold, pred):
        if g == "unrelated":
            best += 0.25
            score += 0.25 if p == "unrelated" else 0.0
        else:
            best += 1.0
            score += (0.25 if p != "unrelated" else 0.0) + (0.75 if p == g else 0.0)
    return 100 * score / best


def f1_per_class(gold, pred):
    out = {}
    for c in LABELS:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[c] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    data = os.path.join(root, os.environ.get("HEADCHECK_DATA", "../shared"), "data", "fnc1")
    rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
    header, rows = rows[0], rows[1:]
    keep = [i for i, h in enumerate(header) if i >= 3 and not h.startswith("learned_")]
    X = np.array([[float(r[i]) for i in keep] for r in rows])
    y = np.array([r[2] for r in rows])
    groups = np.array([int(r[1]) for r in rows])
    body_ids = [r[0] for r in rows]
    bodies = {
        r["Body ID"].strip(): r["articleBody"]
        for r in csv.DictReader(open(os.path.join(data, "train_bodies.csv"), encoding="utf-8"))
    }
    word = re.compile(r"[a-z]+")
    words = {b: set(word.findall(t.lower())) for b, t in bodies.items()}

    def lexicon_features(words_kept, min_topics):
        def make(train, test):
            stances, topic = collections.defaultdict(set), {}
            for i in train:
                if y[i] != "unrelated":
                    stances[body_ids[i]].add(y[i])
                    topic[body_ids[i]] = groups[i]
            lexicons = []
            for c in LABELS[:3]:
                pos, neg, topics = collections.Counter(), collections.Counter(), collections.defaultdict(set)
                n_pos = n_neg = 0
                for b, ls in sorted(stances.items()):
                    if c in ls:
                        n_pos += 1
                        for w in words[b]:
                            pos[w] += 1
                            topics[w].add(topic[b])
                    else:
                        n_neg += 1
                        for w in words[b]:
                            neg[w] += 1
                weights = {}
                for w in pos:
                    if len(topics[w]) < min_topics:
                        continue
                    lo = math.log((pos[w] + 1) / (n_pos + 2)) - math.log((neg[w] + 1) / (n_neg + 2))
                    if lo > 0:
                        weights[w] = lo
                lexicons.append(dict(sorted(weights.items(), key=lambda x: (-x[1], x[0]))[:words_kept]))

            def feats(idx):
                return np.array([[sum(l.get(w, 0.0) for w in words[body_ids[i]]) for l in lexicons] for i in idx])

            return feats(train), feats(test)

        return make

    def run(extra, label):
        pred = np.empty(len(y), dtype=object)
        for train, test in GroupKFold(5).split(X, y, groups):
            x_train, x_test = X[train], X[test]
            if extra:
                a, b = extra(train, test)
                x_train, x_test = np.hstack([x_train, a]), np.hstack([x_test, b])
            scaler = StandardScaler().fit(x_train)
            counts = collections.Counter(y[train])
            weight = {c: (len(train) / (4 * counts[c])) ** 0.5 for c in counts}
            model = LogisticRegression(C=1.0, max_iter=3000)
            model.fit(scaler.transform(x_train), y[train], sample_weight=[weight[c] for c in y[train]])
            pred[test] = model.predict(scaler.transform(x_test))
        f1 = f1_per_class(y, pred)
        print(f"{label:24s} relative {fnc_relative(y, pred):.2f}%  macro-F1 {np.mean(list(f1.values())):.3f}  "
              + "  ".join(f"{c} {f1[c]:.3f}" for c in LABELS), flush=True)

    run(None, "without lexicons")
    for setting in sys.argv[2:] or ["200,10"]:
        n, t = (int(v) for v in setting.split(","))
        run(lexicon_features(n, t), f"{n} words, {t} topics")


if __name__ == "__main__":
    main()
