#!/usr/bin/env python3
"""Generates dealcheck's man page (roff) and its bash, zsh and fish completion from the
built binary's --help, so that all of them list every subcommand, flag and exit code the
binary has: `--help` is the one source.

Usage: gen_cli_files.py DEALCHECK --man OUT.1 --bash OUT --zsh OUT --fish OUT
                        [--version X.Y.Z] [--date YYYY-MM-DD] [--doc-dir DIR --docs NAME.md ...]
"""
import argparse
import datetime
import os
import re
import sys
import textwrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_help  # noqa: E402

DESCRIPTION = """\
dealcheck answers one question about a partnership deal, fast and with its reasons:
is this action, by this party, on this date, permitted under the deal? A deal is a
folder of YAML rule files (a manifest, a vocabulary, one file per agreement, and
regression tests). Answers are PERMITTED, FORBIDDEN, NEEDS-CONSENT (of whom),
NOT-COVERED (the deal's default applied) or DEPENDS (on named unknown facts), each
with the clauses that decided it, quoted, with file and line."""

# What each documentation file the man page names is about (SEE ALSO).
DOC_TOPICS = {
    "cli.md": "every subcommand and flag, with examples",
    "language.md": "the rule files and the test files",
    "tutorial.md": "a first deal, step by step",
    "questions.md": "the questions dealcheck understands",
    "json-output.md": "the JSON answers",
    "editors.md": "editor set-ups with the JSON Schemas",
}


def escape(text):
    """roff-escapes text: backslashes and hyphens, non-ASCII as groff's Unicode escape."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "".join(c if ord(c) < 128 else "\\[u%04X]" % ord(c) for c in text)


def safe_line(line):
    """A text line that roff cannot take for a request."""
    return ("\\&" + line) if line.startswith((".", "'")) else line


def roff(text, width=78):
    """Running text, escaped and filled into lines mandoc finds short enough."""
    paragraphs = " ".join(text.split())
    lines = textwrap.wrap(escape(paragraphs), width=width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(safe_line(line) for line in lines)


def roff_verbatim(text):
    """Lines kept as they are (between .nf and .fi)."""
    return "\n".join(safe_line(escape(line)) for line in text.split("\n"))


def footer_blocks(lines):
    """The top-level footer's `Title:` blocks: {title: [(term, meaning), ...]}, and the
    lines after them."""
    blocks, current, rest = {}, None, []
    for line in lines:
        if re.match(r"^\S.*:$", line):
            current = blocks.setdefault(line[:-1], [])
        elif current is not None and line.startswith("    ") and current:
            term, meaning = current[-1]
            current[-1] = (term, meaning + " " + line.strip())
        elif current is not None and line.startswith("  "):
            term, _, meaning = line.strip().partition(" ")
            current.append((term, meaning.strip()))
        elif line.strip():
            current = None
            rest.append(line)
    return blocks, rest


def man_page(top, subs, version, date, doc_dir, docs):
    blocks, _ = footer_blocks(top["footer"])
    out = [f'.TH DEALCHECK 1 {date} "dealcheck {version}" "User Commands"',
           ".SH NAME", "dealcheck \\- " + roff(top["description"].removeprefix("dealcheck: ")),
           ".SH SYNOPSIS"]
    for i, (name, sub) in enumerate(subs):
        usage = sub["usage"].split(f" {name}", 1)[-1].strip()  # after `<path> <name>`
        out += ([] if i == 0 else [".br"]) + [f".B dealcheck {name}", roff(usage)]
    out += [".br", ".B dealcheck", "\\-\\-help | \\-\\-version",
            ".SH DESCRIPTION", roff(DESCRIPTION), ".SH COMMANDS"]
    for name, sub in subs:
        out += [f'.SS "dealcheck {name}"', roff(sub["description"])]
        for p in sub["positionals"]:
            out += [".TP", f'.I {p["name"]}', roff(p["description"])]
        for o in sub["options"]:
            if o["name"] == "--help":
                continue
            spelled = ", ".join(f"\\fB{escape(n)}\\fR" for n in o["names"])
            arg = o["type"].split(":", 1)[0].replace(" ...", "").replace(" REQUIRED", "").strip()
            vals = cli_help.choices(o)
            if vals:
                arg = "|".join(vals)
            out += [".TP", spelled + (f" \\fI{escape(arg)}\\fR" if arg else ""), roff(o["description"])]
        footer = " ".join(line.strip() for line in sub["footer"] if line.strip())
        if footer:
            out += [".PP", roff(footer)]
    out += [".SH EXIT STATUS"]
    for code, meaning in blocks.get("Exit status", []):
        out += [".TP", f".B {code}", roff(meaning)]
    out += [".PP", roff("Each command's own codes are listed with it above.")]
    out += [".SH ENVIRONMENT"]
    for var, meaning in blocks.get("Environment", []):
        out += [".TP", f".B {var}", roff(meaning)]
    out += [".SH FILES", ".TP", ".I <prefix>/share/dealcheck/rules/", roff("The bundled deals."),
            ".TP", ".I <prefix>/share/dealcheck/docs/schema/",
            roff("JSON Schemas of the rule and test files and of the JSON output, for editors and tools."),
            ".SH EXAMPLES", ".nf",
            roff_verbatim('dealcheck ask "OpenAI acquires Windsurf for 3B USD on 2025-06-01"\n'
                          "dealcheck check \\\n    --rules rules/my-deal --error-format github\n"
                          "dealcheck test --rules rules/my-deal --junit report.xml\n"
                          "dealcheck init rules/my-deal"),
            ".fi"]
    if docs:
        out += [".SH SEE ALSO", roff(f"The documentation installed with dealcheck, in {doc_dir}:")]
        for name in docs:
            out += [".TP", f".I {escape(name)}", roff(DOC_TOPICS.get(name, ""))]
    return "\n".join(out) + "\n"


def value_kind(option):
    """How to complete an option's value: words, dirs, files, or nothing."""
    if not option["type"]:
        return None  # a flag
    if cli_help.choices(option):
        return "words"
    name = option["name"]
    if name == "--rules" or name.endswith("dir"):
        return "dirs"
    if any(k in name for k in ("file", "junit", "out")):
        return "files"
    return "none"


def bash_completion(top, subs):
    subcommands = " ".join(name for name, _ in subs)
    lines = [
        "# bash completion for dealcheck; generated from `dealcheck --help` by scripts/gen_cli_files.py",
        "_dealcheck() {",
        "    local cur prev sub i",
        '    cur="${COMP_WORDS[COMP_CWORD]}"',
        '    prev="${COMP_WORDS[COMP_CWORD-1]}"',
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        '        case "${COMP_WORDS[i]}" in -*) ;; *) sub="${COMP_WORDS[i]}"; break ;; esac',
        "    done",
        '    if [[ -z $sub ]]; then',
        f'        COMPREPLY=($(compgen -W "{subcommands} --help --version" -- "$cur"))',
        "        return",
        "    fi",
        '    local opts="" values=""',
        '    case "$sub" in',
    ]
    for name, sub in subs:
        opts = " ".join(n for o in sub["options"] for n in o["names"])
        lines.append(f'        {name}) opts="{opts}"')
        cases = {}
        for o in sub["options"]:
            kind = value_kind(o)
            if kind:
                key = kind if kind != "words" else "words:" + " ".join(cli_help.choices(o))
                cases.setdefault(key, []).extend(o["names"])
        if cases:
            lines.append('            case "$prev" in')
            for key, names in cases.items():
                pattern = "|".join(names)
                if key.startswith("words:"):
                    action = f'COMPREPLY=($(compgen -W "{key[6:]}" -- "$cur"))'
                elif key == "dirs":
                    action = 'COMPREPLY=($(compgen -d -- "$cur"))'
                elif key == "files":
                    action = 'COMPREPLY=($(compgen -f -- "$cur"))'
                else:
                    action = "COMPREPLY=()"
                lines.append(f"                {pattern}) {action}; return ;;")
            lines.append("            esac")
        positional = positional_kind(name, sub)
        if positional:
            lines.append(f'            values="{positional}"')
        lines.append("            ;;")
    lines += [
        "    esac",
        '    if [[ $cur == -* || -z $values ]]; then',
        '        COMPREPLY=($(compgen -W "$opts" -- "$cur"))',
        '    elif [[ $values == dirs ]]; then',
        '        COMPREPLY=($(compgen -d -- "$cur"))',
        "    else",
        '        COMPREPLY=($(compgen -f -- "$cur"))',
        "    fi",
        "}",
        "complete -F _dealcheck dealcheck",
    ]
    return "\n".join(lines) + "\n"


def positional_kind(name, sub):
    """How to complete a subcommand's positionals: dirs, files, or nothing."""
    if not sub["positionals"]:
        return ""
    return "dirs" if name == "init" else ("files" if any(
        "file" in p["description"].lower() for p in sub["positionals"]) else "")


def zsh_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def zsh_description(text):
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")


def zsh_completion(top, subs):
    lines = [
        "#compdef dealcheck",
        "# zsh completion for dealcheck; generated from `dealcheck --help` by scripts/gen_cli_files.py",
        "_dealcheck() {",
        "    local -a subcommands",
        "    subcommands=(",
    ]
    for name, sub in subs:
        lines.append("        " + zsh_quote(f"{name}:{sub['description']}"))
    lines += [
        "    )",
        "    if (( CURRENT == 2 )); then",
        "        _describe -t commands 'dealcheck subcommand' subcommands",
        "        compadd -- --help --version",
        "        return",
        "    fi",
        "    local sub=$words[2]",
        "    shift words",
        "    (( CURRENT-- ))",
        "    case $sub in",
    ]
    actions = {"dirs": "_files -/", "files": "_files", "none": " "}
    for name, sub in subs:
        specs = []
        for o in sub["options"]:
            kind = value_kind(o)
            desc = zsh_description(o["description"])
            repeat = "*" if "..." in o["type"] else ""
            if kind == "words":
                value = f":{o['name'].lstrip('-')}:({' '.join(cli_help.choices(o))})"
            elif kind:
                value = f":{o['name'].lstrip('-')}:{actions[kind]}"
            else:
                value = ""
            if len(o["names"]) > 1:
                exclusive = "(" + " ".join(o["names"]) + ")"
                specs.append(zsh_quote(exclusive) + "{" + ",".join(o["names"]) + "}" + zsh_quote(f"[{desc}]{value}"))
            else:
                specs.append(zsh_quote(f"{repeat}{o['name']}[{desc}]{value}"))
        kind = positional_kind(name, sub)
        if sub["positionals"]:
            specs.append(zsh_quote(f"*:{sub['positionals'][0]['name']}:{actions.get(kind, ' ')}" if kind
                                   else f"*:{sub['positionals'][0]['name']}: "))
        lines.append(f"        {name})")
        lines.append("            _arguments -s \\")
        lines += [f"                {spec} \\" for spec in specs[:-1]]
        lines.append(f"                {specs[-1]}")
        lines.append("            ;;")
    lines += ["    esac", "}", '_dealcheck "$@"']
    return "\n".join(lines) + "\n"


def fish_quote(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish_completion(top, subs):
    names = " ".join(name for name, _ in subs)
    lines = [
        "# fish completion for dealcheck; generated from `dealcheck --help` by scripts/gen_cli_files.py",
        "complete -c dealcheck -f",
        f"complete -c dealcheck -n 'not __fish_seen_subcommand_from {names}' -l help -d 'Print help and exit'",
        f"complete -c dealcheck -n 'not __fish_seen_subcommand_from {names}' -l version -d 'Print the version and exit'",
    ]
    for name, sub in subs:
        lines.append(f"complete -c dealcheck -n 'not __fish_seen_subcommand_from {names}' -a {name} "
                     f"-d {fish_quote(sub['description'])}")
    for name, sub in subs:
        when = f"-n '__fish_seen_subcommand_from {name}'"
        for o in sub["options"]:
            spelled = " ".join((f"-s {n[1:]}" if not n.startswith("--") else f"-l {n[2:]}") for n in o["names"])
            kind = value_kind(o)
            value = {"words": "-x -a " + fish_quote(" ".join(cli_help.choices(o))),
                     "dirs": "-x -a '(__fish_complete_directories)'",
                     "files": "-r -F", "none": "-x", None: ""}[kind]
            lines.append(f"complete -c dealcheck {when} {spelled} {value} -d {fish_quote(o['description'])}"
                         .replace("  ", " "))
        kind = positional_kind(name, sub)
        if kind == "files":
            lines.append(f"complete -c dealcheck {when} -F")
        elif kind == "dirs":
            lines.append(f"complete -c dealcheck {when} -x -a '(__fish_complete_directories)'")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dealcheck")
    ap.add_argument("--man", required=True)
    ap.add_argument("--bash", required=True)
    ap.add_argument("--zsh", required=True)
    ap.add_argument("--fish", required=True)
    ap.add_argument("--version", default="")
    ap.add_argument("--date", help="the man page's date (default: SOURCE_DATE_EPOCH's, else today)")
    ap.add_argument("--doc-dir", default="<prefix>/share/doc/dealcheck")
    ap.add_argument("--docs", nargs="*", default=[], help="installed documentation files the man page names")
    a = ap.parse_args()
    date = a.date
    if not date:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        when = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else \
            datetime.datetime.now(datetime.timezone.utc)
        date = when.strftime("%Y-%m-%d")
    top, subs = cli_help.read_cli(a.dealcheck)
    if not subs:
        sys.exit(f"{a.dealcheck} --help lists no subcommands")
    outputs = {a.man: man_page(top, subs, a.version, date, a.doc_dir, [os.path.basename(d) for d in a.docs]),
               a.bash: bash_completion(top, subs), a.zsh: zsh_completion(top, subs),
               a.fish: fish_completion(top, subs)}
    for path, text in outputs.items():
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
