#!/usr/bin/env python3
"""Fits the crisis check and writes it into the model file: a second linear
column over the core's own hashed n-grams, fitted only on the messages where
the crisis head fires with no pattern behind it. With a check, the crisis
head screens: it fires from its calibrated threshold times --screen (0.5),
and a crisis the model alone raised stands only if the check agrees. One the
check doubts is dropped if only the screen raised it, else set aside
(affect.cc), where it counts again after a distressed turn (handoff.cc).

Why: one linear column over a bag of n-grams weighs "hängt" the same beside
a chair and beside a person. Refitted or fine-tuned with more lines (rounds 15
and 17, models/README.md) the head moved along the same curve: fewer false
alarms only for crises missed. Fitted where the head has already fired, the
second column learns what tells those messages apart, which the first,
fitted on every message, had no reason to weigh; together they draw a better
curve than either (models/README.md, twentieth session), and the screen
spends that on recall: more crises heard for as many false alarms.

Data: corpus/train and every corpus round (their crisis labels), the hardship
corpus (no crisis), the fitted half of the read calm chats' turns
(train.calm_chat_fitted), BANKING77's train split, the calm XED subtitle
lines and, with --packs, the packs' routine examples. Never: corpus/test, the
blind sets, the probes, the question sets, the unfitted calm chats (what
evaluate.py and the benchmarks count). The threshold keeps --keep of the
fired crises in 5-fold cross-validation; then the column is fitted on all of
them, its weakest weights dropped to --max-keys. --leave-out rounds15,...
fits without those rounds, to count the check on lines neither column saw.

Format: the header's "crisis_check" {"screen", "scale", "bias", "prior",
"threshold", "keys", "key_bytes"} and a section after the language table
(before the learnt handoff's): `keys` delta-coded varint buckets (`key_bytes`
bytes), then one int8 weight each. The check's probability is
sigmoid(bias + prior * logit(p) + scale * sum(weights) / sqrt(n)), p the
crisis head's calibrated probability, n the message's feature count.
Deterministic (seeded, one thread).

    python3 crisis_check.py --native build/native/attune-native --model models/judgement.bin --data DATA --packs packs
"""
import argparse
import csv
import json
import math
import os
import random
import struct
import subprocess
import sys
import tempfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from train import (BUCKETS, CORPUS_LANGS, SEED, bags, calm_chat_fitted, delta_varints, featurize,  # noqa: E402
                   read_conversations, read_corpus, read_hardship, read_varints, routine_examples, shipped_packs)
from train_handoff import join_model  # noqa: E402


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the file
def tables_end(data, header, at):
    """Offset after the language table (format 2), `at` just after the header."""
    n, = struct.unpack_from("<I", data, at)
    _, at = read_varints(data, at + 4, n)
    outputs = len(header["heads"]) + len(header["kinds"])
    at += n * outputs if header.get("bits", 8) == 8 else (n * outputs + 1) // 2
    cells = len(header["languages"]) * header["lang_buckets"]
    return at + (cells if header.get("lang_bits", 8) == 8 else (cells + 1) // 2)


def split(path):
    """(magic + version, header, the tables, the check's section, what follows: the learnt handoff's)."""
    data = open(path, "rb").read()
    hl, = struct.unpack_from("<I", data, 8)
    header = json.loads(data[12:12 + hl])
    end = tables_end(data, header, 12 + hl)
    check = header.get("crisis_check")
    size = check["key_bytes"] + check["keys"] if check else 0
    return data[:8], header, data[12 + hl:end], data[end:end + size], data[end + size:]


def screening(src, dst, screen):
    """`src` without its check, the crisis head's thresholds times `screen`:
    the model that raises the crises the check is fitted on."""
    start, header, tables, _, rest = split(src)
    header.pop("crisis_check", None)
    for per in header["calibration"].values():
        if "crisis" in per:
            per["crisis"][2] *= screen
    join_model(dst, start, header, tables + rest)


def write_check(path, entry, keys, q):
    start, header, tables, _, rest = split(path)
    section = delta_varints(keys)
    header["crisis_check"] = dict(entry, keys=int(len(keys)), key_bytes=len(section))
    join_model(path, start, header, tables + section + q.astype(np.int8).tobytes() + rest)


# ---------------------------------------------------------------- the data
def examples(data, leave_out=(), packs=None):
    """(text, crisis 0/1) of every source the check may be fitted on (see the docstring)."""
    corpus = os.path.join(HERE, "corpus")
    out = []
    rounds = ["train"] + sorted(d for d in os.listdir(corpus) if d.startswith("round") and d not in leave_out)
    for split_name in rounds:
        out += [(e.text, e.y[0]) for e in read_corpus(corpus, split_name)]
    out += [(e.text, 0) for e in read_hardship(corpus)]
    for c in read_conversations(HERE):
        if c["handoff_turn"] is None and calm_chat_fitted(c["id"]):
            out += [(t, 0) for t in c["turns"]]
    if packs:
        for _, pack in shipped_packs(packs):
            out += [(t, 0) for t in routine_examples(pack)]
    with open(os.path.join(data, "banking77", "train.csv"), encoding="utf-8") as f:
        out += [(r["text"], 0) for r in csv.DictReader(f)]
    for code in ("en-annotated", "de-projections", "es-projections", "fr-projections", "it-projections",
                 "pt-projections"):
        for row in open(os.path.join(data, "xed", code + ".tsv"), encoding="utf-8").read().split("\n")[:8000]:
            if "\t" in row:
                t, labs = row.rsplit("\t", 1)
                if not {int(x) for x in labs.replace(" ", "").split(",") if x.isdigit()} & {1, 3, 4, 6}:
                    out.append((t, 0))  # no anger, disgust, fear or sadness: calm talk
    return out


def fired_alone(native, model, rows):
    """The rows whose crisis the model alone raises, with the head's probability."""
    clean = [t.replace("\n", " ").replace("\r", " ") for t, _ in rows]
    p = subprocess.run([native, "judge", model], input="\n".join(clean) + "\n", capture_output=True, text=True,
                       check=True)
    out = []
    for (t, y), line in zip(rows, p.stdout.split("\n")):
        r = json.loads(line)
        if any(c["name"] == "crisis" and c["layer"] == "model" for c in r["cues"]):
            out.append((t, y, r["heads"]["crisis"]["probability"]))
    return out


# ---------------------------------------------------------------- the fit
def logit(p):
    p = np.clip(np.asarray(p, np.float64), 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def fit(idx, feats, y, prior, epochs, lr, decay):
    """Logistic regression: a weight per bucket, one for the head's logit, a bias."""
    torch.manual_seed(SEED)
    emb = torch.nn.EmbeddingBag(BUCKETS, 1, mode="sum", sparse=True)
    torch.nn.init.zeros_(emb.weight)
    ab = torch.zeros(2, requires_grad=True)
    opts = (torch.optim.SparseAdam(list(emb.parameters()), lr=lr), torch.optim.Adam([ab], lr=lr))
    Y = torch.tensor(y, dtype=torch.float32)
    P = torch.tensor(prior, dtype=torch.float32)
    order, rng = list(idx), random.Random(SEED)
    for _ in range(epochs):
        rng.shuffle(order)
        for s in range(0, len(order), 128):
            b = order[s:s + 128]
            flat, off, psw = bags(feats, b)
            z = emb(flat, off, per_sample_weights=psw)[:, 0] + ab[0] * P[b] + ab[1]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(z, Y[b])
            for o in opts:
                o.zero_grad()
            loss.backward()
            for o in opts:
                o.step()
            with torch.no_grad():  # decay on the rows used: rare n-grams stay small
                emb.weight[torch.unique(flat)] *= 1 - decay
    return emb.weight.detach().numpy()[:, 0].copy(), float(ab[0]), float(ab[1])


def scores(w, a, b, feats, prior, idx):
    return np.array([b + a * prior[i] + w[feats[i]].sum() / math.sqrt(max(1, len(feats[i]))) for i in idx])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--native", required=True)
    ap.add_argument("--model", required=True, help="judgement.bin; its header gets (or has replaced) \"crisis_check\"")
    ap.add_argument("--data", required=True, help="folder with banking77/ and xed/ (public data, never committed)")
    ap.add_argument("--screen", type=float, default=0.5,
                    help="the crisis head's thresholds times this raise what the check weighs")
    ap.add_argument("--keep", type=float, default=0.995, help="share of fired crises the threshold keeps (cross-validation)")
    ap.add_argument("--max-keys", type=int, default=4000,
                    help="weights kept (their download cost: 4 000 cost 9 KB gzip; 8 000 double that for little more)")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--decay", type=float, default=0.01, help="weight decay of the rows used, per step")
    ap.add_argument("--dry-run", action="store_true", help="print the cross-validation, write nothing")
    ap.add_argument("--leave-out", default="", help="corpus rounds not fitted (comma-separated), to measure the check on")
    ap.add_argument("--packs", default=None, help="a folder of packs whose routine examples are calm lines")
    args = ap.parse_args()
    torch.set_num_threads(1)

    with tempfile.TemporaryDirectory() as tmp:
        heads = os.path.join(tmp, "heads.bin")
        screening(args.model, heads, args.screen)  # the crises the model raises alone, unchecked
        rows = fired_alone(args.native, heads, examples(args.data, args.leave_out.split(","), args.packs))
    y = np.array([r[1] for r in rows], np.float64)
    prior = logit([r[2] for r in rows])
    feats, _ = featurize(args.native, [r[0] for r in rows])
    log(f"crisis raised by the model alone: {int(y.sum())} crises, {int((y == 0).sum())} calm lines")

    folds = np.arange(len(rows)) % 5
    np.random.RandomState(SEED).shuffle(folds)
    cv = np.zeros(len(rows))
    for k in range(5):
        w, a, b = fit(np.nonzero(folds != k)[0], feats, y, prior, args.epochs, args.lr, args.decay)
        cv[folds == k] = scores(w, a, b, feats, prior, np.nonzero(folds == k)[0])
    z_threshold = float(np.quantile(cv[y == 1], 1 - args.keep))
    log(f"cross-validation: keeps {(cv[y == 1] >= z_threshold).mean():.3f} of the crises, sets aside "
        f"{(cv[y == 0] < z_threshold).mean():.3f} of the calm lines")
    if args.dry_run:
        return

    w, a, b = fit(range(len(rows)), feats, y, prior, args.epochs, args.lr, args.decay)
    keys = np.sort(np.argsort(-np.abs(w), kind="stable")[:args.max_keys])
    keys = keys[w[keys] != 0]
    scale = float(np.abs(w[keys]).max() / 127) or 1.0
    q = np.clip(np.round(w[keys] / scale), -127, 127).astype(np.int8)
    keys, q = keys[q != 0], q[q != 0]
    entry = {"screen": args.screen, "scale": scale, "bias": round(b, 6), "prior": round(a, 6),
             "threshold": round(1 / (1 + math.exp(-z_threshold)), 6)}
    write_check(args.model, entry, keys, q)
    log(f"wrote {args.model}: crisis check over {len(keys)} buckets, threshold {entry['threshold']}")


if __name__ == "__main__":
    main()
