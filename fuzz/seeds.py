#!/usr/bin/env python3
"""Writes the fuzz targets' seed inputs under fuzz/seeds/TARGET/ from the team's own articles
(corpus/articles, tests/site): never from other people's text.

    python3 fuzz/seeds.py

Each seed is cut to a few KiB so the fuzzer mutates whole articles quickly.
"""
import csv
import io
import json
import pathlib
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "seeds"
MAX_BODY = 1500


def articles():
    """(name, title, lang, body) of every corpus article, its body cut at a sentence."""
    for path in sorted((ROOT / "corpus" / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        m = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
        if not m:
            continue
        front, body = m.groups()
        title = re.search(r'^title: "?(.*?)"?$', front, re.M).group(1)
        lang = re.search(r"^lang: (\w+)", front, re.M)
        body = body.strip()
        if len(body) > MAX_BODY:
            cut = body.rfind(". ", 0, MAX_BODY)
            body = body[: cut + 1 if cut > 0 else MAX_BODY]
        yield path.stem, title, lang.group(1) if lang else "en", body


def write(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    arts = list(articles())
    site = sorted(p for p in (ROOT / "tests" / "site").rglob("*") if p.is_file())
    langs = {"en": 0, "de": 1, "ru": 2, "ar": 3}
    for i, (stem, title, lang, body) in enumerate(arts):
        write("text", stem + ".txt", f"{title}\n\n{body}\n")
        write("json", stem + ".json", json.dumps({"headline": title, "body": body, "lang": lang}, ensure_ascii=False))
        front = f'---\ntitle: "{title}"\nlang: {lang}\n---\n' if i % 2 == 0 else f'+++\ntitle = "{title}"\nlang = "{lang}"\n+++\n'
        write("markdown", stem + ".md", front + body + "\n")
        paras = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
        write(
            "html",
            stem + ".html",
            f'<!DOCTYPE html>\n<html lang="{lang}"><head><title>{title} | Gazette</title>'
            f'<meta property="og:title" content="{title}"></head>\n<body><nav><a href="/">Home</a></nav>'
            f"<article><h1>{title}</h1>\n{paras}</article><footer>Contact</footer></body></html>\n",
        )
        write("checker", stem + ".bin", bytes([langs.get(lang, 0)]) + f"{title}\n{body}".encode("utf-8"))
    for p in site:
        kind = {".md": "markdown", ".html": "html", ".toml": "config"}.get(p.suffix)
        if kind:
            write(kind, "site-" + "-".join(p.relative_to(ROOT / "tests" / "site").parts), p.read_bytes())
    # Batch inputs: a few articles a file, with one broken record among them.
    for k in range(0, len(arts), 4):
        group = arts[k : k + 4]
        lines = [json.dumps({"id": s, "headline": t, "body": b[:600]}, ensure_ascii=False) for s, t, _, b in group]
        lines.insert(1, '{"headline": "no body here"}')
        write("jsonl", f"batch-{k:02}.jsonl", "\n".join(lines) + "\n")
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["id", "headline", "body"])
        for s, t, _, b in group:
            w.writerow([s, t, b[:600]])
        write("csv", f"batch-{k:02}.csv", buf.getvalue())
        stances = io.StringIO()
        bodies = io.StringIO()
        ws = csv.writer(stances, lineterminator="\n")
        wb = csv.writer(bodies, lineterminator="\n")
        ws.writerow(["Headline", "Body ID", "Stance"])
        wb.writerow(["Body ID", "articleBody"])
        for j, (s, t, _, b) in enumerate(group):
            wb.writerow([j, b[:600]])
            ws.writerow([t, j, "agree"])
            ws.writerow([t, (j + 1) % len(group), "unrelated"])
        ws.writerow(["A headline for a body that is not there", 99, "discuss"])
        write("pairs", f"batch-{k:02}.bin", stances.getvalue().encode() + b"\xff" + bodies.getvalue().encode())
    write("config", "rules.toml", 'lang = "en"\nfail_on = "partial"\nexclude = ["drafts/**"]\nignore = ["Gazette"]\n\n[[overrides]]\nfiles = ["posts/**"]\nlang = "de"\n')


if __name__ == "__main__":
    main()
