#!/usr/bin/env python3
"""Scores a judgement model end to end, through the core (`attune-native judge`,
patterns + model, as the widget runs them), on data it was not trained on:

  corpus/test/<lang>.tsv     the held-out messages (written in a separate pass)
  conversations/<lang>.jsonl the scripted conversations, with the turn a
                             support lead would step in
  UMSAB val                  negativity ROC-AUC per language (public data)
  BANKING77 / Bitext slices  calm messages handed off (seeded slices train.py
                             never fits; same seed and rule as train.py)
  tests/data/questions       the realistic visitor question sets (routine support
                             questions and out-of-scope small talk, written without
                             the packs; none is a crisis): how many fire crisis
  packs/*.json               routine pack examples firing crisis (the model is
                             trained on a share of them, so not a clean test)

Prints a markdown report and writes the figures to --json.
Usage: python3 evaluate.py --native build/native/attune-native --model models/judgement.bin --data DATA_DIR
"""
import argparse
import csv
import json
import os
import random
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from train import CORPUS_LANGS, Example, hardship_files, hash_text, routine_examples, shipped_packs  # noqa: E402  (one split rule, one "routine")

sys.path.insert(0, os.path.dirname(HERE))
import importlib.util  # noqa: E402
# models/train.py (the emotion model's) holds the one ROC-AUC; load it under its own name.
_spec = importlib.util.spec_from_file_location("emotion_train", os.path.join(os.path.dirname(HERE), "train.py"))
_emotion = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_emotion)
roc_auc = _emotion.roc_auc

HEADS = ["crisis", "human_request", "frustration", "negativity"]


def judge(native, model, texts):
    clean = [t.replace("\n", " ").replace("\r", " ") for t in texts]
    p = subprocess.run([native, "judge", model], input="\n".join(clean) + "\n", capture_output=True, text=True,
                       check=True)
    return [json.loads(l) for l in p.stdout.split("\n")[: len(clean)]]


def converse(native, model, conversations, pack=None):
    lines = [json.dumps(c["turns"], ensure_ascii=False) for c in conversations]
    p = subprocess.run([native, "judge", model, "--conversation"] + (["--pack", pack] if pack else []),
                       input="\n".join(lines) + "\n",
                       capture_output=True, text=True, check=True)
    return [json.loads(l) for l in p.stdout.split("\n")[: len(lines)]]


def fired(r, head):
    """What the product does with a message: a cue (pattern or model)."""
    names = {"crisis": "crisis", "human_request": "human_request", "frustration": "frustration"}
    if head == "negativity":
        return r["heads"]["negativity"]["fired"]
    return any(c["name"] == names[head] for c in r["cues"])


def auc(scores, labels):
    """ROC-AUC, or nan when one class is missing (the emotion model's roc_auc, one copy)."""
    y = np.asarray(labels, int)
    if y.min(initial=1) == y.max(initial=0):
        return float("nan")
    return roc_auc(y, np.asarray(scores, float))


def messages_report(native, model, corpus):
    out, misses = {}, {}
    for lang in CORPUS_LANGS:
        path = os.path.join(corpus, "test", lang + ".tsv")
        if not os.path.exists(path):
            continue
        rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8") if l.count("\t") == 4]
        res = judge(native, model, [r[4] for r in rows])
        out[lang] = {"n": len(rows)}
        for h, head in enumerate(HEADS):
            y = np.array([(r[0] != "none") if h == 0 else r[h] == "1" for r in rows], int)
            pred = np.array([fired(x, head) for x in res], int)
            score = [x["heads"][head]["probability"] for x in res]
            tp, fp, fn = int(((pred == 1) & (y == 1)).sum()), int(((pred == 1) & (y == 0)).sum()), int(((pred == 0) & (y == 1)).sum())
            out[lang][head] = {"positives": int(y.sum()), "recall": tp / max(1, tp + fn),
                               "precision": tp / max(1, tp + fp), "auc": auc(score, y)}
            misses.setdefault(head, [])
            for r, x, yy, pp in zip(rows, res, y, pred):
                if yy != pp:
                    misses[head].append({"lang": lang, "text": r[4], "expected": int(yy), "probability": round(
                        x["heads"][head]["probability"], 3)})
        # crisis kind accuracy on detected crises
        kinds = [(r[0], x["crisis_kind"]) for r, x in zip(rows, res) if r[0] != "none" and fired(x, "crisis")]
        out[lang]["crisis_kind_accuracy"] = sum(a == b for a, b in kinds) / max(1, len(kinds))
        out[lang]["language_accuracy"] = sum(x["language"] == lang for x in res) / max(1, len(res))
    return out, misses


def blind_report(native, model, corpus, folder="blind"):
    """A blind set (corpus/blind, corpus/blind-crisis, README there): crisis and
    person requests, per language, on its held-out half (odd hash_text, FNV-1a:
    never read) and its development half (even: its misses may be read while
    writing patterns)."""
    out = {}
    for half, name in ((1, "held_out"), (0, "dev")):
        for lang in CORPUS_LANGS:
            path = os.path.join(corpus, folder, lang + ".tsv")
            if not os.path.exists(path):
                continue
            rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8") if l.count("\t") == 4]
            rows = [r for r in rows if hash_text(r[4]) % 2 == half]
            res = judge(native, model, [r[4] for r in rows])
            cell = out.setdefault(name, {}).setdefault(lang, {"n": len(rows)})
            for h, head in ((0, "crisis"), (1, "human_request")):
                y = [(r[0] != "none") if h == 0 else r[1] == "1" for r in rows]
                p = [fired(x, head) for x in res]
                tp = sum(a and b for a, b in zip(y, p))
                cell[head] = {"tp": tp, "positives": sum(y), "fired": sum(p)}
    return out


def closings_report(native, model, corpus):
    """corpus/test/<lang>-closings.tsv: conversation closings, farewells, "I want to
    talk to someone" and routine leaving/cancelling, next to crisis farewells
    (written apart from round 4, never trained on). A calm line firing crisis
    is a false alarm that hands a visitor saying goodbye off as an emergency."""
    out, misses = {}, []
    for lang in CORPUS_LANGS:
        path = os.path.join(corpus, "test", lang + "-closings.tsv")
        if not os.path.exists(path):
            continue
        rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8") if l.count("\t") == 4]
        res = judge(native, model, [r[4] for r in rows])
        calm = [(r, x) for r, x in zip(rows, res) if r[0] == "none"]
        crisis = [(r, x) for r, x in zip(rows, res) if r[0] != "none"]
        person = [(r, x) for r, x in zip(rows, res) if r[1] == "1"]
        alarms = [(r, x) for r, x in calm if fired(x, "crisis")]
        out[lang] = {"calm": len(calm), "calm_crisis_fired": len(alarms),
                     "calm_handed_off": sum(bool(x["handoff"]) and r[1] != "1" for r, x in calm),
                     "crisis": len(crisis), "crisis_caught": sum(fired(x, "crisis") for _, x in crisis),
                     "person": len(person), "person_caught": sum(fired(x, "human_request") for _, x in person)}
        misses += [{"lang": lang, "text": r[4], "expected": r[0], "crisis": round(x["heads"]["crisis"]["probability"], 3)}
                   for r, x in alarms + [(r, x) for r, x in crisis if not fired(x, "crisis")]]
    return out, misses


ROOT = os.path.dirname(os.path.dirname(HERE))


def questions_report(native, model, folder=os.path.join(ROOT, "tests", "data", "questions")):
    """The realistic question sets (tests/data/questions/<pack>.<lang>.json, written
    without looking at the packs, never trained on). Questions expecting an intent
    that hands off or carries distress in the pack (urgent_symptoms: "my dad can't
    breathe" is a crisis; human_agent, speak_to_staff, complaint) are left out; the
    rest are routine support questions or out-of-scope small talk, so every crisis
    cue on them is a false alarm that would put crisis resources on screen and hand off."""
    out, misses = {}, []
    for name in sorted(os.listdir(folder)):
        parts = name.split(".")
        if len(parts) != 3 or parts[2] != "json":
            continue
        qs = json.load(open(os.path.join(folder, name), encoding="utf-8"))
        lang = qs.get("language", parts[1])
        pack = json.load(open(os.path.join(ROOT, "packs", name), encoding="utf-8"))
        not_routine = {i["name"] for i in pack["intents"] if i.get("handoff") or i.get("distress")}
        texts = [q["text"] for q in qs["questions"] if q.get("expect") not in not_routine]
        res = judge(native, model, texts)
        o = out.setdefault(lang, {"n": 0, "crisis_fired": 0, "left_out": 0})
        o["left_out"] += len(qs["questions"]) - len(texts)
        # The clinic's urgent_symptoms questions are emergencies: how many still fire.
        urgent = [q["text"] for q in qs["questions"] if q.get("expect") == "urgent_symptoms"]
        if urgent:
            o["urgent"] = o.get("urgent", 0) + len(urgent)
            o["urgent_caught"] = o.get("urgent_caught", 0) + sum(fired(x, "crisis") for x in judge(native, model, urgent))
        o["n"] += len(texts)
        for t, x in zip(texts, res):
            if fired(x, "crisis"):
                o["crisis_fired"] += 1
                misses.append({"lang": lang, "set": parts[0], "text": t,
                               "crisis": round(x["heads"]["crisis"]["probability"], 3)})
    return out, misses


def packs_report(native, model, folder=os.path.join(ROOT, "packs")):
    """Routine examples of the shipped packs (intents without handoff or distress)
    firing crisis. train.py fits a share of them as calm lines, so for a model
    trained on them this is a training-set figure, not a test."""
    out = {}
    for lang, pack in shipped_packs(folder):
        texts = routine_examples(pack)
        if not texts:
            continue
        res = judge(native, model, texts)
        o = out.setdefault(lang, {"n": 0, "crisis_fired": 0})
        o["n"] += len(texts)
        o["crisis_fired"] += sum(fired(x, "crisis") for x in res)
    return out


def umsab_report(native, model, data):
    out = {}
    names = {"arabic": "ar", "english": "en", "french": "fr", "german": "de", "hindi": "hi", "italian": "it",
             "portuguese": "pt", "spanish": "es"}
    for folder, lang in names.items():
        texts = open(os.path.join(data, "umsab", folder, "val_text.txt"), encoding="utf-8").read().split("\n")
        labels = open(os.path.join(data, "umsab", folder, "val_labels.txt")).read().split()
        texts = texts[: len(labels)]
        res = judge(native, model, texts)
        y = [int(l == "0") for l in labels]
        out[lang] = {"n": len(y), "auc": auc([x["heads"]["negativity"]["probability"] for x in res], y),
                     "auc_valence": auc([-x["valence"] for x in res], y)}
    return out


def calm_report(native, model, data):
    """Calm messages (BANKING77, Bitext minus contact_human_agent/complaint)
    from the slices train.py holds out."""
    ex = []
    with open(os.path.join(data, "bitext", "bitext_20k_utterances.csv"), encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            ex.append(Example(r["utterance"], "en", "bitext", [0, int(r["intent"] == "contact_human_agent"), 0, 0]))
            ex[-1].kind = r["intent"]
    with open(os.path.join(data, "banking77", "train.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            ex.append(Example(r["text"], "en", "banking77", [0, 0, 0, 0]))
    # The slots train.py never fits (hash_text(text) % 10 < 2).
    held = [e for e in ex if (hash_text(e.text) % 10) < 2]
    res = judge(native, model, [e.text for e in held])
    calm = [(e, x) for e, x in zip(held, res) if not (e.source == "bitext" and e.kind in ("contact_human_agent", "complaint"))]
    handed = [e.text for e, x in calm if x["handoff"]]
    human = [(e, x) for e, x in zip(held, res) if e.source == "bitext" and e.kind == "contact_human_agent"]
    return {"calm": len(calm), "handed_off": len(handed), "rate": len(handed) / max(1, len(calm)),
            "examples": handed[:15],
            "bitext_human_recall": sum(fired(x, "human_request") for _, x in human) / max(1, len(human)),
            "bitext_human_n": len(human)}


def probes_report(native, model, folder, half=None):
    """A probe round (probes*/README.md: crisis-LANG.tsv and person-LANG.tsv,
    LABEL<TAB>MESSAGE) counted per language: recall and negatives firing. With
    `half` ("held_out" or "dev"), only the lines of that half (the FNV-1a hash
    of the message: odd = held out, never read)."""
    out = {}
    for kind, head in (("crisis", "crisis"), ("person", "human_request")):
        for lang in CORPUS_LANGS:
            path = os.path.join(folder, f"{kind}-{lang}.tsv")
            if not os.path.exists(path):
                continue
            rows = [l.rstrip("\n").split("\t", 1) for l in open(path, encoding="utf-8") if "\t" in l]
            if half:
                rows = [r for r in rows if (hash_text(r[1]) % 2 == 1) == (half == "held_out")]
            res = judge(native, model, [r[1] for r in rows])
            pos = [lab not in ("0", "none") for lab, _ in rows]
            hit = [fired(x, head) for x in res]
            out.setdefault(kind, {})[lang] = {"tp": sum(a and b for a, b in zip(pos, hit)), "positives": sum(pos),
                                              "negatives": len(pos) - sum(pos),
                                              "false_alarms": sum(b and not a for a, b in zip(pos, hit))}
    return out


def conversations_report(native, model, folder, pack=None):
    out = {}
    rows = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".jsonl"):
            rows += [json.loads(l) for l in open(os.path.join(folder, name), encoding="utf-8") if l.strip()]
    res = converse(native, model, rows, pack)
    detail = []
    for c, turns in zip(rows, res):
        first = next((i + 1 for i, t in enumerate(turns) if t["handoff"]), None)
        lang = c["id"].split("-")[0]
        need = c["handoff_turn"] is not None
        if need:
            ok = first is not None and first <= c["handoff_turn"]
            early = first is not None and c.get("earliest_turn") and first < c["earliest_turn"]
        else:
            ok, early = first is None, False
        detail.append({"id": c["id"], "need": need, "ok": ok, "early": bool(early), "first": first,
                       "expected": c["handoff_turn"], "earliest": c.get("earliest_turn")})
        tally(out.setdefault(lang, {}), detail[-1])
    return out, detail


def tally(o, d):
    """Adds one conversation's outcome (a conversations_report detail) to the counts in `o`."""
    for k in ("need", "on_time", "early", "calm", "calm_handed_off"):
        o.setdefault(k, 0)
    if d["need"]:
        o["need"] += 1
        o["on_time"] += d["ok"]
        o["early"] += d["early"]
    else:
        o["calm"] += 1
        o["calm_handed_off"] += not d["ok"]


def hardship_report(native, model, corpus):
    """The hardship head on corpus/hardship's test slots (hash_text % 10 < 2,
    never fitted), per language: the head alone (the model's probability
    against its threshold) and the cue the handoff sees (pattern or model)."""
    out = {}
    for lang in CORPUS_LANGS:
        rows = [l.rstrip("\n").split("\t") for path in hardship_files(corpus, lang) for l in open(path, encoding="utf-8")]
        if not rows:
            continue
        rows = [r for r in rows if len(r) == 2 and r[0] in "01" and hash_text(r[1]) % 10 < 2]
        res = judge(native, model, [r[1] for r in rows])
        y = np.array([r[0] == "1" for r in rows])
        head = np.array([x["heads"]["hardship"]["fired"] for x in res])
        cue = np.array([any(c["name"] == "hardship" for c in x["cues"]) for x in res])
        out[lang] = {"n": len(rows), "positives": int(y.sum()),
                     "head_tp": int((head & y).sum()), "head_fired": int(head.sum()),
                     "cue_tp": int((cue & y).sum()), "cue_fired": int(cue.sum()),
                     "auc": auc([x["heads"]["hardship"]["probability"] for x in res], y)}
    return out


def hardship_on_routine(native, model, data):
    """How often the hardship head fires on what a bot handles: BANKING77's
    held-out slots (calm banking requests, many of them problems) and the
    shipped packs' routine examples (neither is fitted for this head)."""
    with open(os.path.join(data, "banking77", "train.csv"), encoding="utf-8") as f:
        banking = [r["text"] for r in csv.DictReader(f) if hash_text(r["text"]) % 10 < 2]
    routine = [t for _, pack in shipped_packs(os.path.join(ROOT, "packs")) for t in routine_examples(pack)]
    out = {}
    for name, texts in (("banking77", banking), ("pack_routine", routine)):
        res = judge(native, model, texts)
        out[name] = {"n": len(texts), "fired": sum(x["heads"]["hardship"]["fired"] for x in res),
                     "cue": sum(any(c["name"] == "hardship" for c in x["cues"]) for x in res)}
    return out


def blind_conversations(native, model, folder):
    """A blind conversation set (conversations-blind*/README.md) counted per half
    (the FNV-1a hash of the id: odd = held out, never read) and language."""
    _, detail = conversations_report(native, model, os.path.join(HERE, folder))
    halves = {}
    for d in detail:
        half = "held_out" if hash_text(d["id"]) % 2 else "dev"
        for lang in (d["id"].split("-")[0], "all"):
            tally(halves.setdefault(half, {}).setdefault(lang, {}), d)
    return halves


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--native", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--json", default=None)
    ap.add_argument("--dev", action="store_true",
                    help="only the development conversations (conversations-dev/), to tune the handoff policy")
    ap.add_argument("--pack", default=None, help="a pack whose settings.handoff policy the conversations use")
    args = ap.parse_args()
    if args.dev:
        conv, detail = conversations_report(args.native, args.model, os.path.join(HERE, "conversations-dev"), args.pack)
        need = [d for d in detail if d["need"]]
        calm = [d for d in detail if not d["need"]]
        print(f"dev conversations: on time {sum(d['ok'] for d in need)} of {len(need)}, early "
              f"{sum(d['early'] for d in need)}, calm handed off {sum(not d['ok'] for d in calm)} of {len(calm)}")
        for d in detail:
            if not d["ok"]:
                print(f"  - {d['id']}: first handoff at {d['first']}, expected by {d['expected']}")
        return
    msgs, misses = messages_report(args.native, args.model, os.path.join(HERE, "corpus"))
    conv, detail = conversations_report(args.native, args.model, os.path.join(HERE, "conversations"))
    blind_conv = blind_conversations(args.native, args.model, "conversations-blind")
    blind_conv2 = blind_conversations(args.native, args.model, "conversations-blind-2")
    # Held out whole (never read): counted per language, no halves.
    blind_conv3, _ = conversations_report(args.native, args.model, os.path.join(HERE, "conversations-blind-3"))
    blind_conv6, _ = conversations_report(args.native, args.model, os.path.join(HERE, "conversations-blind-6"))
    blind_conv7, _ = conversations_report(args.native, args.model, os.path.join(HERE, "conversations-blind-7"))
    blind_conv8, _ = conversations_report(args.native, args.model, os.path.join(HERE, "conversations-blind-8"))
    # Needs told calmly at message 1 or 2 (early-needs/README.md): dev read, test never.
    early_dev, _ = conversations_report(args.native, args.model, os.path.join(HERE, "early-needs", "dev"))
    early_test, _ = conversations_report(args.native, args.model, os.path.join(HERE, "early-needs", "test"))
    probes3 = probes_report(args.native, args.model, os.path.join(HERE, "probes-3"))
    probes4 = probes_report(args.native, args.model, os.path.join(HERE, "probes-4"))
    probes8 = probes_report(args.native, args.model, os.path.join(HERE, "probes-8"))
    blind_conv4 = blind_conversations(args.native, args.model, "conversations-blind-4")
    blind_conv5 = blind_conversations(args.native, args.model, "conversations-blind-5")
    hardship = hardship_report(args.native, args.model, os.path.join(HERE, "corpus"))
    hardship_routine = hardship_on_routine(args.native, args.model, args.data)
    probes5 = {half: probes_report(args.native, args.model, os.path.join(HERE, "probes-5"), half)
               for half in ("held_out", "dev")}
    probes6 = {half: probes_report(args.native, args.model, os.path.join(HERE, "probes-6"), half)
               for half in ("held_out", "dev")}
    probes7 = {half: probes_report(args.native, args.model, os.path.join(HERE, "probes-7"), half)
               for half in ("held_out", "dev")}
    probes9 = {half: probes_report(args.native, args.model, os.path.join(HERE, "probes-9"), half)
               for half in ("held_out", "dev")}
    closings, closing_misses = closings_report(args.native, args.model, os.path.join(HERE, "corpus"))
    questions, question_misses = questions_report(args.native, args.model)
    packs = packs_report(args.native, args.model)
    umsab = umsab_report(args.native, args.model, args.data)
    calm = calm_report(args.native, args.model, args.data)
    blind = blind_report(args.native, args.model, os.path.join(HERE, "corpus"))
    blind_crisis = blind_report(args.native, args.model, os.path.join(HERE, "corpus"), "blind-crisis")
    blind_crisis2 = blind_report(args.native, args.model, os.path.join(HERE, "corpus"), "blind-crisis-2")
    blind_person = blind_report(args.native, args.model, os.path.join(HERE, "corpus"), "blind-person")
    blind4 = blind_report(args.native, args.model, os.path.join(HERE, "corpus"), "blind-4")
    blind5 = blind_report(args.native, args.model, os.path.join(HERE, "corpus"), "blind-5")

    print("## Held-out messages (corpus/test), through the core (patterns + model)\n")
    print("| language | n | crisis R / P | human_request R / P | frustration R / P | negativity AUC | kind acc | language acc |")
    print("|---|---|---|---|---|---|---|---|")
    for lang, m in msgs.items():
        f = lambda h: f"{m[h]['recall']:.2f} / {m[h]['precision']:.2f}"
        print(f"| {lang} | {m['n']} | {f('crisis')} | {f('human_request')} | {f('frustration')} | "
              f"{m['negativity']['auc']:.2f} | {m['crisis_kind_accuracy']:.2f} | {m['language_accuracy']:.2f} |")
    for title, sets in (("Blind set (corpus/blind, written without seeing the corpus or the code)", blind),
                        ("Blind crisis set (corpus/blind-crisis, public-health red flags and their hard negatives, "
                         "written without seeing the corpus or the code)", blind_crisis),
                        ("Second blind crisis set (corpus/blind-crisis-2, written without seeing the corpus or the code)",
                         blind_crisis2),
                        ("Blind person-request set (corpus/blind-person, requests for a person and their hard negatives, "
                         "written without seeing the corpus or the code)", blind_person),
                        ("Fourth blind set (corpus/blind-4, informal, code-switched and indirect crises and person requests, "
                         "written without seeing the corpus or the code)", blind4),
                        ("Fifth blind set (corpus/blind-5, crises, person requests and hard negatives as typed, "
                         "written without seeing the corpus or the code)", blind5)):
        print(f"\n## {title}, recall and precision\n")
        print("| half | language | n | crisis R / P | human_request R / P |")
        print("|---|---|---|---|---|")
        for name, langs in sets.items():
            tot = {"crisis": [0, 0, 0], "human_request": [0, 0, 0]}
            for lang, c in langs.items():
                cells = []
                for head in ("crisis", "human_request"):
                    x = c[head]
                    tot[head] = [a + b for a, b in zip(tot[head], (x["tp"], x["positives"], x["fired"]))]
                    cells.append(f"{x['tp']}/{x['positives']} / {x['tp'] / max(1, x['fired']):.2f}")
                print(f"| {name} | {lang} | {c['n']} | {cells[0]} | {cells[1]} |")
            cells = [f"{t[0]}/{t[1]} / {t[0] / max(1, t[2]):.2f}" for t in tot.values()]
            print(f"| {name} | all | {sum(c['n'] for c in langs.values())} | {cells[0]} | {cells[1]} |")
    print("\n## Hardship head (corpus/hardship, its test slots: never fitted)\n")
    print("| language | n | positives | head R / P | cue (pattern or model) R / P | AUC |")
    print("|---|---|---|---|---|---|")
    for lang, h in hardship.items():
        print(f"| {lang} | {h['n']} | {h['positives']} | {h['head_tp'] / max(1, h['positives']):.2f} / "
              f"{h['head_tp'] / max(1, h['head_fired']):.2f} | {h['cue_tp'] / max(1, h['positives']):.2f} / "
              f"{h['cue_tp'] / max(1, h['cue_fired']):.2f} | {h['auc']:.3f} |")
    print("\nWhat a bot handles, firing the hardship head (the cue, pattern or model, in brackets): " + ", ".join(
        f"{k} {v['fired']} of {v['n']} ({v['cue']})" for k, v in hardship_routine.items()))
    print("\n## Closings and farewells (corpus/test/<lang>-closings.tsv)\n")
    print("| language | calm lines firing crisis | calm handed off | crisis farewells caught | person requests caught |")
    print("|---|---|---|---|---|")
    for lang, c in closings.items():
        print(f"| {lang} | {c['calm_crisis_fired']} of {c['calm']} | {c['calm_handed_off']} of {c['calm']} | "
              f"{c['crisis_caught']} of {c['crisis']} | {c['person_caught']} of {c['person']} |")
    for m in closing_misses:
        print(f"  - {m['lang']} ({m['expected']}, crisis {m['crisis']}): {m['text']}")
    print("\n## Realistic question sets firing crisis (tests/data/questions; routine and out-of-scope questions,"
          " none a crisis; questions for intents that hand off or carry distress left out)\n")
    print("| " + " | ".join(questions) + " | all |\n|" + "---|" * (len(questions) + 1))
    print("| " + " | ".join(f"{q['crisis_fired']} of {q['n']}" for q in questions.values()) +
          f" | {sum(q['crisis_fired'] for q in questions.values())} of {sum(q['n'] for q in questions.values())} |")
    print(f"\nUrgent-symptom questions (clinic sets, emergencies) firing crisis: "
          f"{sum(q.get('urgent_caught', 0) for q in questions.values())} of {sum(q.get('urgent', 0) for q in questions.values())}")
    for m in question_misses:
        print(f"  - {m['lang']} {m['set']} (crisis {m['crisis']}): {m['text']}")
    print("\n## Routine pack examples firing crisis (packs/*.json; trained on by rounds that fit pack lines)\n")
    print("| " + " | ".join(packs) + " | all |\n|" + "---|" * (len(packs) + 1))
    print("| " + " | ".join(f"{q['crisis_fired']} of {q['n']}" for q in packs.values()) +
          f" | {sum(q['crisis_fired'] for q in packs.values())} of {sum(q['n'] for q in packs.values())} |")
    print("\n## Negativity on UMSAB val (ROC-AUC, negative vs other)\n")
    print("| " + " | ".join(umsab) + " |\n|" + "---|" * len(umsab))
    print("| " + " | ".join(f"{v['auc']:.3f}" for v in umsab.values()) + " |")
    print("\n## Calm messages handed off (held-out BANKING77 + Bitext slices)\n")
    print(f"{calm['handed_off']} of {calm['calm']} ({100 * calm['rate']:.2f} %); Bitext contact_human_agent "
          f"recall {calm['bitext_human_recall']:.3f} (n={calm['bitext_human_n']})")
    for t in calm["examples"]:
        print(f"  - {t}")
    print("\n## Scripted conversations (visitor-only, analyze --conversation)\n")
    print("| language | need a person: on time | early | calm: handed off |")
    print("|---|---|---|---|")
    for lang, o in conv.items():
        print(f"| {lang} | {o['on_time']} of {o['need']} | {o['early']} | {o['calm_handed_off']} of {o['calm']} |")
    late = [d for d in detail if not d["ok"]]
    for d in late:
        print(f"  - {d['id']}: first handoff at {d['first']}, expected by {d['expected']}")
    for folder, halves in (("conversations-blind", blind_conv), ("conversations-blind-2", blind_conv2),
                           ("conversations-blind-4", blind_conv4), ("conversations-blind-5", blind_conv5)):
        print(f"\n## Blind conversations ({folder}, written without seeing the code or the corpus)\n")
        print("| half | language | need a person: on time | early | calm: handed off |")
        print("|---|---|---|---|---|")
        for half in ("held_out", "dev"):
            for lang, o in sorted(halves.get(half, {}).items(), key=lambda kv: kv[0] == "all"):
                print(f"| {half} | {lang} | {o['on_time']} of {o['need']} | {o['early']} | {o['calm_handed_off']} of {o['calm']} |")
    for title, probes in (("Third probe round (probes-3", probes3), ("Fourth probe round (probes-4", probes4),
                          ("Eighth probe round (probes-8, crises only", probes8)):
        print(f"\n## {title}, held out whole, never read)\n")
        print("| file | language | recall | negatives firing |")
        print("|---|---|---|---|")
        for kind, langs in probes.items():
            for lang, o in langs.items():
                print(f"| {kind} | {lang} | {o['tp']} of {o['positives']} | {o['false_alarms']} of {o['negatives']} |")
    for title, halves in (("Fifth probe round (probes-5", probes5), ("Sixth probe round (probes-6", probes6),
                          ("Seventh probe round (probes-7", probes7), ("Ninth probe round (probes-9, person only", probes9)):
        print(f"\n## {title}, by half: held_out never read)\n")
        print("| half | file | language | recall | negatives firing |")
        print("|---|---|---|---|---|")
        for half, probes in halves.items():
            for kind, langs in probes.items():
                for lang, o in langs.items():
                    print(f"| {half} | {kind} | {lang} | {o['tp']} of {o['positives']} | {o['false_alarms']} of {o['negatives']} |")
    for title, counts in (("Third blind conversations (conversations-blind-3", blind_conv3),
                          ("Sixth blind conversations (conversations-blind-6", blind_conv6),
                          ("Seventh blind conversations (conversations-blind-7", blind_conv7),
                          ("Eighth blind conversations (conversations-blind-8, 600", blind_conv8),
                          ("Early needs, test half (early-needs/test, 305", early_test)):
        print(f"\n## {title}, held out whole, never read)\n")
        print("| language | need a person: on time | early | calm: handed off |")
        print("|---|---|---|---|")
        for lang, o in counts.items():
            print(f"| {lang} | {o['on_time']} of {o['need']} | {o['early']} | {o['calm_handed_off']} of {o['calm']} |")
    if args.json:
        json.dump({"messages": msgs, "blind": blind, "blind_crisis": blind_crisis,
                   "blind_crisis_2": blind_crisis2, "blind_person": blind_person, "blind_4": blind4, "blind_5": blind5, "closings": closings, "closing_misses": closing_misses,
                   "questions": questions, "question_misses": question_misses, "packs": packs, "umsab": umsab, "calm": calm, "conversations": conv, "conversation_detail": detail,
                   "blind_conversations": blind_conv, "blind_conversations_2": blind_conv2, "blind_conversations_3": blind_conv3, "blind_conversations_6": blind_conv6, "blind_conversations_7": blind_conv7, "blind_conversations_8": blind_conv8, "early_needs_dev": early_dev, "early_needs_test": early_test, "probes_3": probes3, "probes_4": probes4, "probes_8": probes8,
                   "blind_conversations_4": blind_conv4, "probes_5": probes5, "probes_6": probes6, "probes_7": probes7, "probes_9": probes9,
                   "blind_conversations_5": blind_conv5, "hardship": hardship, "hardship_on_routine": hardship_routine,
                   "misses": misses}, open(args.json, "w"), indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
