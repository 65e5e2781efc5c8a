"""scikit-learn's NB-SVM on IMDB, for comparison with @sentikit/nbsvm in the same bench run.

The usual few lines: binary 1-3-gram counts (CountVectorizer, the same 2,000,000-feature cap), naive Bayes
log-count ratio r, then a linear SVM with the same loss (LinearSVC: L2-regularised squared hinge, dual
coordinate descent, i.e. liblinear's solver 1) on X * r; and the logistic-regression variant (liblinear,
dual) often used instead. Prints one JSON line per classifier; the feature time is shared.
Usage: python3 sklearn-nbsvm.py <data_dir> [C] [max_features]
"""
import gzip
import json
import os
import resource
import sys
import time

import numpy as np
import sklearn
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC


def read(path):
    texts, labels = [], []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                texts.append(r["text"])
                labels.append(int(r["label"]))
    return texts, np.array(labels)


data = sys.argv[1]
c = float(sys.argv[2]) if len(sys.argv) > 2 else 0.01
max_features = int(sys.argv[3]) if len(sys.argv) > 3 else 2_000_000
train_x, train_y = read(os.path.join(data, "imdb", "train.jsonl.gz"))
test_x, test_y = read(os.path.join(data, "imdb", "test.jsonl.gz"))

t0 = time.perf_counter()
vec = CountVectorizer(ngram_range=(1, 3), binary=True, max_features=max_features)
x = vec.fit_transform(train_x)
feature_seconds = time.perf_counter() - t0

t1 = time.perf_counter()
p = 1 + np.asarray(x[train_y == 1].sum(0)).ravel()
q = 1 + np.asarray(x[train_y == 0].sum(0)).ravel()
r = np.log((p / p.sum()) / (q / q.sum()))
xr = x.multiply(r).tocsr()
nb_seconds = time.perf_counter() - t1
t2 = time.perf_counter()
test_xr = vec.transform(test_x).multiply(r).tocsr()
transform_seconds = time.perf_counter() - t2

for name, clf in [
    ("linear-svc", LinearSVC(C=c, loss="squared_hinge", dual=True, max_iter=1000)),
    ("logistic-regression", LogisticRegression(C=c * 10, solver="liblinear", dual=True, max_iter=1000)),
]:
    t3 = time.perf_counter()
    clf.fit(xr, train_y)
    fit_seconds = nb_seconds + time.perf_counter() - t3
    t4 = time.perf_counter()
    pred = clf.predict(test_xr)
    predict_seconds = transform_seconds + time.perf_counter() - t4
    print(
        json.dumps(
            {
                "bench": "sklearn-nbsvm",
                "classifier": name,
                "sklearn": sklearn.__version__,
                "c": clf.C,
                "maxFeatures": max_features,
                "features": int(x.shape[1]),
                "featureSeconds": round(feature_seconds, 2),
                "fitSeconds": round(fit_seconds, 2),
                "trainSeconds": round(feature_seconds + fit_seconds, 2),
                "testAccuracy": round(float((pred == test_y).mean()), 4),
                "predictTextsPerSecond": round(len(test_x) / predict_seconds),
                "peakRssMb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "loadavg": [round(v, 2) for v in os.getloadavg()],
            }
        ),
        flush=True,
    )
