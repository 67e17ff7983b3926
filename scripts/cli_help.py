"""Reads dealcheck's --help (CLI11's layout) into data: the subcommands, and for each its
positionals, options and footer. Used to generate the man page and bash completion
(scripts/gen_cli_files.py) and to check docs/cli.md (tests/ecosystem/cli_docs_test.py).
"""
import os
import re
import subprocess

SECTIONS = ("Positionals:", "Options:", "Subcommands:")


def help_text(binary, *args):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="200")
    p = subprocess.run([binary, *args, "--help"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, env=env, timeout=30)
    if p.returncode != 0:
        raise RuntimeError(f"{binary} {' '.join(args)} --help exited {p.returncode}:\n{p.stdout}")
    return p.stdout


def parse(text):
    """{description, usage, positionals, options, subcommands, footer}; each entry is
    {name, names, type, description} (names: the option's spellings)."""
    lines = text.rstrip("\n").split("\n")
    out = {"description": "", "usage": "", "positionals": [], "options": [], "subcommands": [], "footer": []}
    section, entry, seen_section = None, None, False
    head = []
    for line in lines:
        if line in SECTIONS:
            section, seen_section = line[:-1].lower(), True
            entry = None
            continue
        if section is None:
            if seen_section:
                out["footer"].append(line)
            elif line.startswith("Usage: "):
                out["usage"] = line[len("Usage: "):]
            else:
                head.append(line)
            continue
        if not line.strip():
            section = None
            continue
        m = re.match(r"^  (\S.*?)(?:\s{2,}(\S.*))?$", line)
        if line.startswith("   ") and entry is not None:
            entry["description"] = (entry["description"] + " " + line.strip()).strip()
        elif m:
            left = m.group(1).split(" ", 1)
            names = left[0].split(",")
            entry = {"name": names[-1], "names": names, "type": left[1] if len(left) > 1 else "",
                     "description": (m.group(2) or "").strip()}
            out[section].append(entry)
    out["description"] = " ".join(h.strip() for h in head if h.strip())
    while out["footer"] and not out["footer"][0].strip():
        out["footer"].pop(0)
    return out


def choices(option):
    """The values an option takes when its type lists them: FORMAT:{human,json,github}."""
    m = re.search(r"\{([^}]*)\}", option["type"])
    return m.group(1).split(",") if m else []


def read_cli(binary):
    """The top-level help and each subcommand's, in the order --help lists them."""
    top = parse(help_text(binary))
    subs = [(s["name"], parse(help_text(binary, s["name"]))) for s in top["subcommands"]]
    return top, subs
