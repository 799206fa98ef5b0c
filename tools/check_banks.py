#!/usr/bin/env python3
"""Check the framework question banks and the sample data (stdlib only).

Usage: tools/check_banks.py [--quiet] [bank.json ...]

Without arguments it checks every assets/frameworks/*.json plus
assets/sample/sites.json and assets/sample/reports.json, relative to the
repository root (the parent of this script's directory).

It applies the same rules as the C loader (types, options, weights,
follow-ups, categories, compliant answers, rules, ranges), the penalty table
facts for the DRC bank, and the minimum counts agreed for the project, then
prints counts per bank, per type and in total. Exit status 0 when clean,
1 when any error was found.
"""
import glob
import json
import os
import re
import sys

TYPES = ("yes_no", "multiple_choice", "multi_select", "text", "number", "date", "scale")
CHOICE = ("multiple_choice", "multi_select")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
DRC_ARTICLES = ["299", "299 bis"] + [str(a) for a in range(300, 312)]
BANK_IDS = ("DRC_MINING_CODE", "ISO_14001", "ISO_45001", "VPSHR")
MIN_QUESTIONS = {"DRC_MINING_CODE": 34}
MIN_QUESTIONS_OTHER = 16
MIN_REQUIREMENTS = 12
MIN_TOTAL = 82

BANK_KEYS = {"id", "name", "version", "description", "estimated_minutes", "categories",
             "questions", "requirements", "penalties", "excluded_penalties"}
Q_REQUIRED = {"id", "category", "ref", "type", "text", "help", "weight", "required",
              "evidence_required", "allow_na"}
Q_OPTIONAL = {"compliant", "options", "min", "max", "rule", "follow_ups", "article"}
REQ_KEYS = {"ref", "category", "text", "keywords", "article"}
PEN_KEYS = {"article", "key", "description", "min_usd", "max_usd", "applies_to",
            "legal_reference", "keywords"}
EXCL_KEYS = {"article", "description", "max_usd", "reason"}
APPLIES = {"Entity", "Individual", "Entity or Individual"}

# Facts of reference/seed-system.md section 3 (key -> article, min, max, applies_to, legal ref).
MC = "Mining Code + CAMI 003/2024"
PENALTY_FACTS = [
    ("299_excluded", "299", 0, 0, "Entity or Individual", MC),
    ("299bis", "299 bis", 10000, 42912.25, "Entity", MC),
    ("300", "300", 10000, 85824.43, "Individual", MC),
    ("301", "301", 500, 42912.25, "Entity", MC),
    ("302", "302", 10000, 128736.67, "Entity or Individual", MC),
    ("303", "303", 5000, 25000, "Individual", "Mining Code"),
    ("304", "304", 10000, 1072805.65, "Entity", MC),
    ("305", "305", 10000, 85824.43, "Entity", MC),
    ("306", "306", 8000, 42912.25, "Entity or Individual", MC),
    ("307", "307", 20000, 42912.25, "Entity", MC),
    ("308", "308", 20000, 50000, "Entity or Individual", "Mining Code"),
    ("309", "309", 4000, 42912.25, "Entity", MC),
    ("310", "310", 1000, 21456.11, "Individual", MC),
    ("311", "311", 4291.24, 4291.24, "Individual", MC),
]
PENALTY_KEYWORDS = {
    "299_excluded": ["illegal exploitation", "unauthorized mining", "unlicensed extraction"],
    "299bis": ["human rights", "forced labor", "child labor", "worker abuse", "community displacement", "violence"],
    "300": ["theft", "concealment", "embezzlement", "illicit possession", "illegal transport", "stolen minerals", "hidden minerals"],
    "301": ["administrative", "procedural", "noncompliance", "missing permits", "expired licenses", "documentation", "facilitation of diversion"],
    "302": ["unauthorized purchase", "unauthorized sale", "illegal trading", "unlicensed buyer", "black market", "informal trading"],
    "303": ["unauthorized detention", "illegal storage", "minerals detention", "stockpiling without permit"],
    "304": ["unauthorized processing", "illegal transformation", "unlicensed refining", "illegal smelting", "processing without permit"],
    "305": ["illegal transport", "illegal storage", "transport without permit", "unauthorized movement", "smuggling", "illicit possession"],
    "306": ["transparency", "traceability", "reporting", "documentation gaps", "incomplete records", "missing data"],
    "307": ["health", "safety", "environmental", "pollution", "contamination", "safety equipment", "protective gear", "environmental damage", "waste"],
    "308": ["infrastructure damage", "equipment damage", "vandalism", "destruction of property", "sabotage"],
    "309": ["ministerial decree", "provincial decree", "decree violation", "regulatory breach", "government order"],
    "310": ["insult", "assault", "official", "violence against inspector", "threatening behavior", "verbal abuse"],
    "311": ["corruption", "bribery", "kickback", "illicit payment", "influence peddling", "graft"],
}
SUM_MAX = 1688499.78
EXCLUDED_FACTS = {"299": 2145611.26, "306": 4291222.57}
FRENCH_MARKS = set("àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛÜŒ")


class Report:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def err(self, where, msg):
        self.errors.append("%s: %s" % (where, msg))

    def warn(self, where, msg):
        self.warnings.append("%s: %s" % (where, msg))


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_loc(rep, where, v, field):
    """A localised string: {"en": non-empty, "fr": non-empty}, nothing else."""
    if not isinstance(v, dict):
        rep.err(where, "%s must be an object {en, fr}" % field)
        return
    if set(v) != {"en", "fr"}:
        rep.err(where, "%s must have exactly the keys en and fr (has %s)" % (field, sorted(v)))
    for lang in ("en", "fr"):
        s = v.get(lang)
        if not isinstance(s, str) or not s.strip():
            rep.err(where, "%s.%s missing or empty" % (field, lang))
        elif s != s.strip():
            rep.warn(where, "%s.%s has leading/trailing blanks" % (field, lang))
    if isinstance(v.get("en"), str) and v.get("en") == v.get("fr") and len(v["en"]) > 12:
        rep.warn(where, "%s: French identical to English" % field)


def subtree(qid, fu_of):
    """Pre-order list of the follow-up descendants of qid."""
    out = []
    for child in fu_of.get(qid, []):
        out.append(child)
        out.extend(subtree(child, fu_of))
    return out


def check_bank(path, rep, stats):
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            bank = json.load(f)
    except (OSError, ValueError) as e:
        rep.err(name, "cannot load: %s" % e)
        return None
    if not isinstance(bank, dict):
        rep.err(name, "top level must be an object")
        return None
    extra = set(bank) - BANK_KEYS
    missing = BANK_KEYS - set(bank)
    if extra:
        rep.err(name, "unknown top-level keys %s" % sorted(extra))
    if missing:
        rep.err(name, "missing top-level keys %s" % sorted(missing))
    bid = bank.get("id")
    if bid not in BANK_IDS:
        rep.err(name, "id %r is not one of %s" % (bid, BANK_IDS))
    is_drc = bid == "DRC_MINING_CODE"
    check_loc(rep, name, bank.get("name"), "name")
    check_loc(rep, name, bank.get("description"), "description")
    if not isinstance(bank.get("version"), str) or not bank.get("version"):
        rep.err(name, "version must be a non-empty string")
    em = bank.get("estimated_minutes")
    if not is_num(em) or em <= 0:
        rep.err(name, "estimated_minutes must be a positive number")

    # categories
    cats = bank.get("categories") or []
    cat_ids = []
    if not isinstance(cats, list) or not cats:
        rep.err(name, "categories must be a non-empty list")
        cats = []
    for i, c in enumerate(cats):
        w = "%s categories[%d]" % (name, i)
        if not isinstance(c, dict) or set(c) != {"id", "name"}:
            rep.err(w, "category must be {id, name}")
            continue
        if not isinstance(c["id"], str) or not ID_RE.match(c["id"]):
            rep.err(w, "bad category id %r" % c.get("id"))
        if c["id"] in cat_ids:
            rep.err(w, "duplicate category id %r" % c["id"])
        cat_ids.append(c["id"])
        check_loc(rep, w, c.get("name"), "name")

    # questions
    qs = bank.get("questions") or []
    if not isinstance(qs, list):
        rep.err(name, "questions must be a list")
        qs = []
    ids = []
    by_id = {}
    type_count = {t: 0 for t in TYPES}
    for i, q in enumerate(qs):
        w = "%s questions[%d]" % (name, i)
        if not isinstance(q, dict):
            rep.err(w, "question must be an object")
            continue
        qid = q.get("id")
        w = "%s %s" % (name, qid)
        extra = set(q) - Q_REQUIRED - Q_OPTIONAL
        missing = Q_REQUIRED - set(q)
        if extra:
            rep.err(w, "unknown keys %s" % sorted(extra))
        if missing:
            rep.err(w, "missing keys %s" % sorted(missing))
        if not isinstance(qid, str) or not ID_RE.match(qid):
            rep.err(w, "id must be lower snake case")
        if qid in by_id:
            rep.err(w, "duplicate question id")
        ids.append(qid)
        by_id[qid] = q
        if q.get("category") not in cat_ids:
            rep.err(w, "category %r not declared" % q.get("category"))
        if not isinstance(q.get("ref"), str) or not q.get("ref", "").strip():
            rep.err(w, "ref must be a non-empty string")
        t = q.get("type")
        if t not in TYPES:
            rep.err(w, "unknown type %r" % t)
        else:
            type_count[t] += 1
        check_loc(rep, w, q.get("text"), "text")
        check_loc(rep, w, q.get("help"), "help")
        wt = q.get("weight")
        if not is_num(wt) or not 0 <= wt <= 5:
            rep.err(w, "weight must be a number in [0,5]")
        for b in ("required", "evidence_required", "allow_na"):
            if b in q and not isinstance(q[b], bool):
                rep.err(w, "%s must be true or false" % b)
        # compliant: exactly for yes_no
        if t == "yes_no":
            if q.get("compliant") not in ("yes", "no"):
                rep.err(w, "yes_no needs compliant \"yes\" or \"no\"")
        elif "compliant" in q:
            rep.err(w, "compliant is only allowed on yes_no")
        # options: exactly for choice types
        if t in CHOICE:
            opts = q.get("options")
            if not isinstance(opts, list) or len(opts) < 2:
                rep.err(w, "%s needs at least 2 options" % t)
                opts = []
            seen = set()
            nexcl = 0
            for j, o in enumerate(opts):
                ow = "%s option[%d]" % (w, j)
                if (not isinstance(o, dict) or not {"value", "label", "score"} <= set(o)
                        or not set(o) <= {"value", "label", "score", "exclusive"}):
                    rep.err(ow, "option must be {value, label, score[, exclusive]}")
                    continue
                if "exclusive" in o:
                    if not isinstance(o["exclusive"], bool):
                        rep.err(ow, "exclusive must be true or false")
                    elif o["exclusive"] and t != "multi_select":
                        rep.err(ow, "exclusive is for multi_select options only")
                    nexcl += o["exclusive"] is True
                v = o["value"]
                if not isinstance(v, str) or not ID_RE.match(v):
                    rep.err(ow, "option value must be lower snake case")
                if v in seen:
                    rep.err(ow, "duplicate option value %r" % v)
                seen.add(v)
                check_loc(rep, ow, o["label"], "label")
                if not is_num(o["score"]) or not 0 <= o["score"] <= 1:
                    rep.err(ow, "option score must be in [0,1]")
            if opts and nexcl == len(opts):
                rep.err(w, "every option is exclusive: make it a multiple_choice question")
        elif "options" in q:
            rep.err(w, "options are only allowed on multiple_choice and multi_select")
        # min / max: number only
        if "min" in q or "max" in q:
            if t != "number":
                rep.err(w, "min/max are only allowed on number")
            for k in ("min", "max"):
                if k in q and not is_num(q[k]):
                    rep.err(w, "%s must be a number" % k)
            if is_num(q.get("min")) and is_num(q.get("max")) and not q["min"] < q["max"]:
                rep.err(w, "min must be < max")
        # rule
        if "rule" in q:
            r = q["rule"]
            if not isinstance(r, dict):
                rep.err(w, "rule must be an object")
            elif r.get("kind") == "linear":
                if t != "number":
                    rep.err(w, "linear rule only on number")
                if set(r) != {"kind", "worst", "best"}:
                    rep.err(w, "linear rule must be {kind, worst, best}")
                elif not is_num(r["worst"]) or not is_num(r["best"]) or r["worst"] == r["best"]:
                    rep.err(w, "linear rule needs numeric worst != best")
                else:
                    for k in ("worst", "best"):
                        if is_num(q.get("min")) and r[k] < q["min"] or is_num(q.get("max")) and r[k] > q["max"]:
                            rep.warn(w, "rule %s outside min/max" % k)
            elif r.get("kind") == "max_age_days":
                if t != "date":
                    rep.err(w, "max_age_days rule only on date")
                if set(r) != {"kind", "days"}:
                    rep.err(w, "max_age_days rule must be {kind, days}")
                elif not isinstance(r["days"], int) or isinstance(r["days"], bool) or r["days"] <= 0:
                    rep.err(w, "days must be a positive integer")
            else:
                rep.err(w, "unknown rule kind %r" % r.get("kind"))
        # article
        if is_drc:
            if q.get("article") not in DRC_ARTICLES:
                rep.err(w, "DRC question needs article in %s (got %r)" % (DRC_ARTICLES, q.get("article")))
        elif "article" in q:
            rep.err(w, "article is only for the DRC bank")

    # follow-ups
    fu_of = {}
    parent_of = {}
    for q in qs:
        if not isinstance(q, dict) or "follow_ups" not in q:
            continue
        qid = q.get("id")
        w = "%s %s" % (name, qid)
        fu = q["follow_ups"]
        t = q.get("type")
        if not isinstance(fu, dict) or not fu:
            rep.err(w, "follow_ups must be a non-empty object")
            continue
        if t == "yes_no":
            valid = {"yes", "no"}
        elif t in CHOICE:
            valid = {o.get("value") for o in q.get("options") or [] if isinstance(o, dict)}
        else:
            rep.err(w, "follow_ups only on yes_no and choice questions")
            valid = set()
        children = []
        for key, targets in fu.items():
            if key not in valid:
                rep.err(w, "follow-up trigger %r is not an answer value of this question" % key)
            if not isinstance(targets, list) or not targets:
                rep.err(w, "follow-up targets for %r must be a non-empty list" % key)
                continue
            for tgt in targets:
                if tgt not in by_id:
                    rep.err(w, "follow-up target %r does not exist" % tgt)
                    continue
                if tgt == qid:
                    rep.err(w, "question is its own follow-up")
                    continue
                if tgt in parent_of and parent_of[tgt] != qid:
                    rep.err(w, "%s is already the follow-up of %s" % (tgt, parent_of[tgt]))
                parent_of[tgt] = qid
                if tgt not in children:
                    children.append(tgt)
        fu_of[qid] = children
    # cycles
    state = {}

    def visit(n, stack):
        state[n] = 1
        for c in fu_of.get(n, []):
            if state.get(c) == 1:
                rep.err(name, "follow-up cycle: %s" % " -> ".join(stack + [n, c]))
            elif state.get(c) is None:
                visit(c, stack + [n])
        state[n] = 2

    for n in list(fu_of):
        if state.get(n) is None:
            visit(n, [])
    # placement: the descendants of a parent follow it directly, in pre-order
    if not any(e.startswith(name) and "cycle" in e for e in rep.errors):
        for i, qid in enumerate(ids):
            if qid in fu_of and qid not in parent_of:
                want = subtree(qid, fu_of)
                got = ids[i + 1:i + 1 + len(want)]
                if got != want:
                    rep.err("%s %s" % (name, qid), "follow-ups must come right after their parent: want %s, found %s" % (want, got))
        for child, parent in parent_of.items():
            pc = by_id[parent].get("category")
            if by_id[child].get("category") != pc:
                rep.warn("%s %s" % (name, child), "follow-up in another category than its parent %s" % parent)
            if by_id[child].get("required"):
                rep.warn("%s %s" % (name, child), "follow-up is required")

    # requirements
    reqs = bank.get("requirements") or []
    if not isinstance(reqs, list) or len(reqs) < MIN_REQUIREMENTS:
        rep.err(name, "needs at least %d requirements (has %d)" % (MIN_REQUIREMENTS, len(reqs) if isinstance(reqs, list) else 0))
        reqs = reqs if isinstance(reqs, list) else []
    for i, r in enumerate(reqs):
        w = "%s requirements[%d]" % (name, i)
        if not isinstance(r, dict):
            rep.err(w, "requirement must be an object")
            continue
        extra = set(r) - REQ_KEYS
        if extra:
            rep.err(w, "unknown keys %s" % sorted(extra))
        if not isinstance(r.get("ref"), str) or not r.get("ref"):
            rep.err(w, "ref missing")
        if r.get("category") not in cat_ids:
            rep.err(w, "category %r not declared" % r.get("category"))
        check_loc(rep, w, r.get("text"), "text")
        kws = r.get("keywords")
        if not isinstance(kws, list) or len(kws) < 6:
            rep.err(w, "needs at least 6 keywords (English and French)")
            kws = []
        for k in kws:
            if not isinstance(k, str) or not k.strip() or k != k.lower():
                rep.err(w, "keyword %r must be a non-empty lower-case string" % k)
        if len(set(kws)) != len(kws):
            rep.warn(w, "duplicate keywords")
        if is_drc:
            if r.get("article") not in DRC_ARTICLES:
                rep.err(w, "DRC requirement needs an article")
        elif "article" in r:
            rep.err(w, "article is only for the DRC bank")

    # penalties
    pens = bank.get("penalties")
    excl = bank.get("excluded_penalties")
    if not is_drc:
        if pens != [] or excl != []:
            rep.err(name, "penalties and excluded_penalties must be [] outside the DRC bank")
    else:
        check_penalties(name, pens, excl, rep)

    # counts
    n = len(qs)
    minimum = MIN_QUESTIONS.get(bid, MIN_QUESTIONS_OTHER)
    if n < minimum:
        rep.err(name, "needs at least %d questions (has %d)" % (minimum, n))
    if is_drc:
        unused = [t for t in TYPES if not type_count[t]]
        if unused:
            rep.err(name, "DRC bank must use every type; unused %s" % unused)
        bad = sum(1 for q in qs if isinstance(q, dict) and q.get("compliant") == "no")
        if bad < 2:
            rep.err(name, "DRC needs at least two yes_no questions compliant on \"no\"")
        used_articles = {q.get("article") for q in qs if isinstance(q, dict)}
        for a in ("308", "309", "310", "311"):
            if a not in used_articles:
                rep.err(name, "no question maps to article %s" % a)
    if not any(q.get("required") is False for q in qs if isinstance(q, dict)):
        rep.warn(name, "no optional question")
    if not any(q.get("allow_na") for q in qs if isinstance(q, dict)):
        rep.warn(name, "no question allows not applicable")
    mc_parent = any(by_id.get(p, {}).get("type") == "multiple_choice" for p in fu_of)
    # French quality: accents somewhere in the bank's French
    fr_text = " ".join(q["text"]["fr"] for q in qs if isinstance(q, dict) and isinstance(q.get("text"), dict) and isinstance(q["text"].get("fr"), str))
    if qs and not FRENCH_MARKS & set(fr_text):
        rep.warn(name, "French texts carry no accents at all")
    stats[bid] = {
        "file": name, "questions": n, "types": type_count, "categories": cat_ids,
        "requirements": len(reqs), "required": sum(1 for q in qs if isinstance(q, dict) and q.get("required")),
        "evidence": sum(1 for q in qs if isinstance(q, dict) and q.get("evidence_required")),
        "allow_na": sum(1 for q in qs if isinstance(q, dict) and q.get("allow_na")),
        "weights": sum(q.get("weight", 0) for q in qs if isinstance(q, dict) and is_num(q.get("weight"))),
        "follow_ups": sorted((c, p) for c, p in parent_of.items()),
        "mc_parent": mc_parent,
    }
    return bank


def check_penalties(name, pens, excl, rep):
    if not isinstance(pens, list):
        rep.err(name, "penalties must be a list")
        return
    if len(pens) != len(PENALTY_FACTS):
        rep.err(name, "penalties: want %d entries, have %d" % (len(PENALTY_FACTS), len(pens)))
    keys = [p.get("key") for p in pens if isinstance(p, dict)]
    if keys != [f[0] for f in PENALTY_FACTS]:
        rep.err(name, "penalty keys/order differ from the seed table: %s" % keys)
    facts = {f[0]: f for f in PENALTY_FACTS}
    total = 0.0
    for i, p in enumerate(pens):
        w = "%s penalties[%d]" % (name, i)
        if not isinstance(p, dict):
            rep.err(w, "penalty must be an object")
            continue
        if set(p) != PEN_KEYS:
            rep.err(w, "penalty keys must be %s (has %s)" % (sorted(PEN_KEYS), sorted(p)))
        check_loc(rep, w, p.get("description"), "description")
        f = facts.get(p.get("key"))
        if not f:
            rep.err(w, "unknown key %r" % p.get("key"))
            continue
        _, art, mn, mx, applies, legal = f
        if p.get("article") != art:
            rep.err(w, "article %r, want %r" % (p.get("article"), art))
        if not is_num(p.get("min_usd")) or abs(p["min_usd"] - mn) > 0.001:
            rep.err(w, "min_usd %r, want %r" % (p.get("min_usd"), mn))
        if not is_num(p.get("max_usd")) or abs(p["max_usd"] - mx) > 0.001:
            rep.err(w, "max_usd %r, want %r" % (p.get("max_usd"), mx))
        else:
            total += p["max_usd"]
        if p.get("applies_to") not in APPLIES or p.get("applies_to") != applies:
            rep.err(w, "applies_to %r, want %r" % (p.get("applies_to"), applies))
        if p.get("legal_reference") != legal:
            rep.err(w, "legal_reference %r, want %r" % (p.get("legal_reference"), legal))
        if p.get("keywords") != PENALTY_KEYWORDS[p["key"]]:
            rep.err(w, "keywords differ from the seed table")
    if abs(total - SUM_MAX) > 0.005:
        rep.err(name, "sum of max fines %.2f, want %.2f" % (total, SUM_MAX))
    if not isinstance(excl, list) or len(excl) != 2:
        rep.err(name, "excluded_penalties must hold 2 entries")
        return
    for i, e in enumerate(excl):
        w = "%s excluded_penalties[%d]" % (name, i)
        if not isinstance(e, dict) or set(e) != EXCL_KEYS:
            rep.err(w, "entry must be %s" % sorted(EXCL_KEYS))
            continue
        want = EXCLUDED_FACTS.get(e["article"])
        if want is None or not is_num(e["max_usd"]) or abs(e["max_usd"] - want) > 0.001:
            rep.err(w, "article/max_usd do not match the seed facts")
        check_loc(rep, w, e["description"], "description")
        if not isinstance(e["reason"], str) or not e["reason"].strip():
            rep.err(w, "reason must be a non-empty string")


DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CODE_RE = re.compile(r"^[A-Z]{3}-\d{3}$")


def check_samples(root, rep):
    sites_p = os.path.join(root, "assets", "sample", "sites.json")
    reps_p = os.path.join(root, "assets", "sample", "reports.json")
    try:
        sites = json.load(open(sites_p, encoding="utf-8"))
        reports = json.load(open(reps_p, encoding="utf-8"))
    except (OSError, ValueError) as e:
        rep.err("sample", "cannot load: %s" % e)
        return
    for doc, key, n in ((sites, "sites", 20), (reports, "reports", 15)):
        if not isinstance(doc, dict) or set(doc) != {"sample", key} or doc.get("sample") is not True:
            rep.err(key, "must be {\"sample\": true, \"%s\": [...]}" % key)
        elif len(doc[key]) != n:
            rep.err(key, "want %d entries, have %d" % (n, len(doc[key])))
    site_by_code = {}
    for i, s in enumerate(sites.get("sites", [])):
        w = "sites[%d]" % i
        if set(s) != {"code", "name", "operator", "latitude", "longitude", "region"}:
            rep.err(w, "keys must be code, name, operator, latitude, longitude, region")
            continue
        if not CODE_RE.match(s["code"]) or s["code"] in site_by_code:
            rep.err(w, "bad or duplicate code %r" % s["code"])
        site_by_code[s["code"]] = s
        if not (is_num(s["latitude"]) and -14 <= s["latitude"] <= 6 and is_num(s["longitude"]) and 12 <= s["longitude"] <= 32):
            rep.err(w, "coordinates outside the DRC")
        if s["operator"] is not None and not isinstance(s["operator"], str):
            rep.err(w, "operator must be a string or null")
        if not isinstance(s["region"], str) or not s["region"]:
            rep.err(w, "region missing")
    ids = set()
    keys = {"report_id", "site_code", "site_name", "operator", "auditor", "email", "date", "score",
            "compliant", "non_compliant", "review_needed", "frameworks"}
    for i, r in enumerate(reports.get("reports", [])):
        w = "reports[%d]" % i
        if set(r) != keys:
            rep.err(w, "keys must be %s" % sorted(keys))
            continue
        if r["report_id"] in ids or not re.match(r"^REP-2024-\d{4}$", r["report_id"]):
            rep.err(w, "bad or duplicate report_id")
        ids.add(r["report_id"])
        s = site_by_code.get(r["site_code"])
        if not s:
            rep.err(w, "site %s not in sites.json" % r["site_code"])
        elif s["name"] != r["site_name"] or s["operator"] != r["operator"]:
            rep.err(w, "site name/operator differ from sites.json")
        if not DATE_RE.match(r["date"]):
            rep.err(w, "date must be YYYY-MM-DD")
        if not is_num(r["score"]) or not 0 <= r["score"] <= 100:
            rep.err(w, "score must be 0..100")
        for k in ("compliant", "non_compliant", "review_needed"):
            if not isinstance(r[k], int) or r[k] < 0:
                rep.err(w, "%s must be a non-negative integer" % k)
        if not r["frameworks"] or any(f not in BANK_IDS for f in r["frameworks"]):
            rep.err(w, "frameworks must be bank ids")
        if "@" not in r["email"]:
            rep.err(w, "bad email")


def main(argv):
    quiet = "--quiet" in argv
    args = [a for a in argv if a != "--quiet"]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = args or sorted(glob.glob(os.path.join(root, "assets", "frameworks", "*.json")))
    rep = Report()
    stats = {}
    for p in paths:
        check_bank(p, rep, stats)
    if not args:
        check_samples(root, rep)
        for b in BANK_IDS:
            if b not in stats:
                rep.err("frameworks", "bank %s missing" % b)
        total = sum(s["questions"] for s in stats.values())
        if total < MIN_TOTAL:
            rep.err("frameworks", "need at least %d questions in total (have %d)" % (MIN_TOTAL, total))
        all_types = {t for s in stats.values() for t, c in s["types"].items() if c}
        if set(TYPES) - all_types:
            rep.err("frameworks", "types never used: %s" % sorted(set(TYPES) - all_types))
        if not any(s["mc_parent"] for s in stats.values()):
            rep.err("frameworks", "no multiple_choice question has follow-ups")

    if not quiet:
        total_types = {t: 0 for t in TYPES}
        for bid, s in stats.items():
            print("%s (%s): %d questions, %d required, %d evidence, %d allow_na, weight sum %.1f, %d requirements"
                  % (bid, s["file"], s["questions"], s["required"], s["evidence"], s["allow_na"], s["weights"], s["requirements"]))
            print("  types: " + ", ".join("%s %d" % (t, c) for t, c in s["types"].items()))
            print("  categories: " + ", ".join(s["categories"]))
            print("  follow-ups: " + ", ".join("%s<-%s" % (c, p) for c, p in s["follow_ups"]))
            for t, c in s["types"].items():
                total_types[t] += c
        print("TOTAL: %d questions; " % sum(s["questions"] for s in stats.values())
              + ", ".join("%s %d" % (t, c) for t, c in total_types.items()))
    for w in rep.warnings:
        print("warning: " + w)
    for e in rep.errors:
        print("ERROR: " + e)
    print("%d error(s), %d warning(s)" % (len(rep.errors), len(rep.warnings)))
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
