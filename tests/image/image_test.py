#!/usr/bin/env python3
"""The compiled deal image (docs/image.md), through the CLI as users run it.

Every subcommand answers the same from a deal's image as from its YAML, byte for byte;
a stale image (a source file edited), a damaged one (truncated, empty, bytes flipped
anywhere, another format version) is refused with its own error and exit code 3, never
trusted or half read; batch uses a folder's fresh image and says when it skips one.

Usage: image_test.py DEALCHECK REPO
"""
import os
import shutil
import subprocess
import sys
import tempfile

DEALCHECK, REPO = sys.argv[1], sys.argv[2]
failures = []
QUESTION_LINE = '{"question": "OpenAI acquires Windsurf on 2025-06-01"}\n'


def run(args, stdin=None):
    p = subprocess.run([DEALCHECK] + args, input=stdin, capture_output=True, text=True,
                       timeout=120)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def same(deal, image, args, stdin=None):
    a = run(args + ["--rules", deal], stdin)
    b = run(args + ["--rules", image], stdin)
    check(a == b, f"{' '.join(args)}: the image answers differently from {deal}:\n"
                  f"yaml: {a}\nimage: {b}")


def refused(image, code, extra=(), deal_args=("check",)):
    rc, out, err = run(list(deal_args) + ["--rules", image] + list(extra))
    check(rc == 3 and f"error[{code}]" in err and out == "",
          f"{image}: expected a {code} refusal with exit 3, got {rc}: {err.strip()[:300]}")


work = tempfile.mkdtemp(prefix="dealcheck-image-")
try:
    # ---- the same answers from the image -------------------------------------------
    for name, questions in [
        ("microsoft-openai", ["OpenAI acquires Windsurf on 2025-06-01",
                              "Microsoft uses GPT-4 in Office on 2024-01-01",
                              "Microsoft commercializes GPT-4 on 2030-01-01 given agi_declared=true"]),
        ("sale-of-goods", None),
    ]:
        deal = os.path.join(REPO, "rules", name)
        image = os.path.join(work, name + ".dcx")
        rc, out, err = run(["compile", "--rules", deal, "-o", image])
        check(rc == 0 and os.path.getsize(image) > 64, f"compile {name}: {rc} {err}")
        for args in (["check"], ["test"], ["vocab", "--json"], ["analyze"],
                     ["status", "--as-of", "2026-06-30", "--json"]):
            same(deal, image, args)
        vocab = run(["vocab", "--json", "--rules", deal])[1]
        if questions is None:  # the deal's own example questions
            import json
            questions = [e["question"] for e in json.loads(vocab).get("examples", [])][:3]
        check(len(questions) > 0, f"{name}: no questions to ask")
        for q in questions:
            for extra in (["--explain"], ["--json", "--explain"]):
                same(deal, image, ["ask", q] + extra)
            same(deal, image, ["timeline", q.rsplit(" on ", 1)[0]])
        lines = "".join('{"question": "%s"}\n' % q for q in questions)
        same(deal, image, ["batch"], stdin=lines)

    # ---- staleness: an edited source file ------------------------------------------
    deal = os.path.join(work, "deal")
    shutil.copytree(os.path.join(REPO, "rules", "microsoft-openai"), deal)
    image = os.path.join(deal, "deal.dcx")
    check(run(["compile", "--rules", deal])[0] == 0 and os.path.exists(image),
          "compile writes deal.dcx in the deal's folder by default")
    check(run(["check", "--rules", image])[0] == 0, "a fresh image loads")
    check(run(["compile", "--rules", image])[0] == 64, "an image is not compiled from an image")
    refused(image, "DC1204", ["--no-history"])  # compiled with its history
    agreement = sorted(os.listdir(os.path.join(deal, "agreements")))[0]
    with open(os.path.join(deal, "agreements", agreement), "a") as f:
        f.write("# edited\n")
    rc, out, err = run(["check", "--rules", image])
    check(rc == 3 and "error[DC1202]" in err and agreement in err and "compile --rules" in err,
          f"a stale image is refused, naming the changed file: {rc} {err}")
    # batch given the folder skips the stale image, says so, and answers from the YAML.
    rc, out, err = run(["batch", "--rules", deal], QUESTION_LINE)
    check(rc == 0 and "not using the compiled image" in err and '"verdict"' in out,
          f"batch skips a stale image with a note: {rc} {err}")
    run(["compile", "--rules", deal])
    rc, out, err = run(["batch", "--rules", deal], QUESTION_LINE)
    check(rc == 0 and "compiled image" not in err, f"batch uses a fresh image quietly: {err}")
    os.remove(os.path.join(deal, "history.yaml"))
    refused(image, "DC1202")

    # ---- damage: every kind is refused, never trusted ------------------------------
    good = open(os.path.join(work, "microsoft-openai.dcx"), "rb").read()
    bad = os.path.join(work, "bad.dcx")

    def write(data):
        with open(bad, "wb") as f:
            f.write(data)

    write(b"")
    refused(bad, "DC1201")
    write(good[:40])
    refused(bad, "DC1201")
    write(b"deal: x\n" * 20)
    refused(bad, "DC1201")
    for cut in (64, 100, len(good) // 2, len(good) - 1):
        write(good[:cut])
        refused(bad, "DC1201")
    write(good[:8] + (99).to_bytes(4, "little") + good[12:])
    refused(bad, "DC1203")
    # Every field of the header, then bytes spread over the source table and contents.
    step = max(1, len(good) // 60)
    for at in list(range(0, 64, 4)) + list(range(64, len(good), step)):
        flipped = bytearray(good)
        flipped[at] ^= 0x5A
        write(bytes(flipped))
        rc, out, err = run(["ask", "OpenAI acquires Windsurf on 2025-06-01", "--rules", bad])
        check(rc == 3 and "error[DC12" in err and out == "",
              f"a byte flipped at {at} is refused: {rc} {err.strip()[:200]}")
finally:
    shutil.rmtree(work)

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
