"""Plain scikit-learn TF-IDF cosine between each FNC-1 headline and its body: the reference
headcheck is compared with. Prints the AUROC of the cosine for related vs unrelated pairs on
the pairs outside the official dev split ("fit") and on the dev split (hold_out_ids.txt).

    python3 benches/tfidf_cosine.py [FNC1_DIR]
"""
import csv
import os
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import roc_auc_score

default = os.path.join(os.environ.get("HEADCHECK_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "shared")), "data", "fnc1")
d = sys.argv[1] if len(sys.argv) > 1 else default
t0 = time.perf_counter()
bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(open(os.path.join(d, "train_bodies.csv"), encoding="utf-8"))}
pairs = list(csv.DictReader(open(os.path.join(d, "train_stances.csv"), encoding="utf-8")))
hold = {int(x) for x in open(os.path.join(d, "hold_out_ids.txt")) if x.strip()}
vec = TfidfVectorizer(stop_words="english").fit(list(bodies.values()) + [p["Headline"] for p in pairs])
ids = sorted(bodies)
B = vec.transform([bodies[i] for i in ids])
row = {i: k for k, i in enumerate(ids)}
H = vec.transform([p["Headline"] for p in pairs])
import numpy as np
bi = np.array([row[int(p["Body ID"])] for p in pairs])
cos = np.asarray(H.multiply(B[bi]).sum(axis=1)).ravel()
secs = time.perf_counter() - t0
rel = np.array([p["Stance"] != "unrelated" for p in pairs])
dev = np.array([int(p["Body ID"]) in hold for p in pairs])
print(f"pairs {len(pairs)}, {secs:.2f} s")
print(f"fit AUROC {roc_auc_score(rel[~dev], cos[~dev]):.4f}")
print(f"dev AUROC {roc_auc_score(rel[dev], cos[dev]):.4f}")
