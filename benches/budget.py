#!/usr/bin/env python3
"""The size, time and memory budget of one `headcheck check` (issue 19), on generated inputs.

For each input: the size, whether it was checked (exit 0/1) or refused (exit 2, and the
message), the median wall time and CPU time (user + system) of RUNS runs on one thread
(RAYON_NUM_THREADS=1), the CPU seconds per MiB, and the peak resident memory (from wait4)
with its ratio to the file size.

    python3 benches/budget.py [BINARY] [RUNS]      # default target/release/headcheck, 5 runs

The inputs are generated here (team-written sentences, no one else's text) in a temporary
folder: the largest accepted bodies (just under the word limit, as text, Markdown and an HTML
page), pages at the element limit, and the hostile files of issue 19 (a 14 MiB page of empty
scripts, 200,000 tags of raw HTML in Markdown, a 15 MiB single-line text, a 6 MiB page of short
paragraphs), which must be refused at once.
"""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

SENTENCE = (
    "The council voted on Tuesday to spend twelve million pounds repairing the seawall along "
    "the harbour front, after engineers warned that the winter storms had undermined it. "
)
WORDS = (
    "council voted tuesday spend twelve million pounds repairing seawall harbour front mayor "
    "said residents flooding storm engineers report budget ferry pier tide"
).split()
MAX_BODY_WORDS = 200_000
MAX_ELEMENTS = 100_000
HEAD = "<html><head><title>Council approves seawall repair</title></head><body>"


def prose(words: int, seed: int) -> str:
    """`words` words of sentences, paragraphs of about 120 words."""
    rng = random.Random(seed)
    out = []
    for i in range(words):
        out.append(rng.choice(WORDS))
        if i % 15 == 14:
            out[-1] += "."
        if i % 120 == 119:
            out[-1] += "\n\n"
    return " ".join(out)


def inputs():
    """(name, file name, bytes) of every input."""
    body = prose(MAX_BODY_WORDS - 50, 1)
    yield "text, 199,950 words", "long.txt", ("Council approves seawall repair\n\n" + body).encode()
    yield "Markdown, 199,950 words", "long.md", ("# Council approves seawall repair\n\n" + body).encode()
    paras = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
    yield "HTML, 199,950 words in <p>", "long.html", (HEAD + paras + "</body></html>").encode()
    n = MAX_ELEMENTS - 200
    scripts = "<script></script>" * n
    yield "HTML, 99,800 empty scripts", "scripts-cap.html", (
        HEAD + "<p>" + SENTENCE * 4 + "</p>" + scripts + "</body></html>"
    ).encode()
    filler = "<span class=\"x\" data-id=\"" + "a" * 120 + "\"></span>"
    yield "HTML, 99,800 elements with long attributes", "attrs-cap.html", (
        HEAD + "<p>" + SENTENCE * 4 + "</p>" + filler * n + "</body></html>"
    )[: 16 * 1024 * 1024 - 20].encode() + b"</body></html>"
    worst = HEAD + paras + filler * (n - paras.count("<p>"))
    yield "HTML near 16 MiB, 99,800 elements, 199,950 words", "worst.html", (
        worst[: 16 * 1024 * 1024 - 20] + "</body></html>"
    ).encode()
    yield "HTML 14 MiB of empty scripts", "scripts-14.html", (
        HEAD + "<p>" + SENTENCE * 4 + "</p>" + "<script></script>" * (14 * 1024 * 1024 // 17) + "</body></html>"
    ).encode()
    yield "Markdown, 200,000 raw tags", "tags.md", (
        "# Council approves seawall repair\n\n" + SENTENCE * 4 + "\n\n<div>\n" + "<script></script>" * 200_000 + "\n</div>\n"
    ).encode()
    line = prose(2_300_000, 2).replace("\n\n", " ")
    yield "text, 15 MiB single line", "line.txt", ("Council approves seawall repair\n" + line[: 15 * 1024 * 1024]).encode()
    short = "".join(f"<p>{prose(8, i)}</p>\n" for i in range(6 * 1024 * 1024 // 60))
    yield "HTML 6 MiB of short paragraphs", "short.html", (HEAD + short + "</body></html>").encode()


def run(binary: str, path: str):
    """(wall s, cpu s, peak RSS bytes, exit code, first stderr line) of one check.

    GNU time measures the peak RSS: a child forked from this Python process would count the
    parent's pages it held before exec."""
    env = dict(os.environ, RAYON_NUM_THREADS="1", NO_COLOR="1")
    start = time.perf_counter()
    p = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M %x", binary, "check", path],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    wall = time.perf_counter() - start
    err = p.stderr.decode(errors="replace").strip().splitlines()
    _, user, system, rss_kib, code = err[-1].split()[-5:]
    message = next((line for line in err[:-1] if not line.startswith("Command exited")), "")
    return wall, float(user) + float(system), int(rss_kib) * 1024, int(code), message


def main() -> None:
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/headcheck"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    print(f"| input | MiB | outcome | wall (median) | CPU (median) | CPU s per MiB | peak RSS | RSS / size |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, file, data in inputs():
            path = os.path.join(tmp, file)
            with open(path, "wb") as f:
                f.write(data)
            results = [run(binary, path) for _ in range(runs)]
            mib = len(data) / (1024 * 1024)
            wall = statistics.median(r[0] for r in results)
            cpu = statistics.median(r[1] for r in results)
            rss = max(r[2] for r in results)
            code, err = results[0][3], results[0][4]
            outcome = "checked" if code in (0, 1) else "refused: " + err.split(file + ": ", 1)[-1][:70]
            print(
                f"| {name} | {mib:.1f} | {outcome} | {wall:.3f} s | {cpu:.3f} s | {cpu / mib:.3f} | "
                f"{rss / 2**20:.0f} MiB | {rss / len(data):.1f}× |"
            )
            os.remove(path)
            del data


if __name__ == "__main__":
    main()
