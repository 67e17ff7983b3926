#!/usr/bin/env python3
"""Generates dealcheck's man page (roff) and bash completion from the built binary's
--help, so both list every subcommand and flag the binary has.

Usage: gen_cli_files.py DEALCHECK --man OUT.1 --bash OUT [--version X.Y.Z]
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_help  # noqa: E402

DESCRIPTION = """\
dealcheck answers one question about a partnership deal, fast and with its reasons:
is this action, by this party, on this date, permitted under the deal? A deal is a
folder of YAML rule files (a manifest, a vocabulary, one file per agreement, and
regression tests). Answers are PERMITTED, FORBIDDEN, NEEDS-CONSENT (of whom),
NOT-COVERED (the deal's default applied) or DEPENDS (on named unknown facts), each
with the clauses that decided it, quoted, with file and line."""

EXIT_STATUS = [
    ("0", "permitted; no errors; all tests passed"),
    ("1", "forbidden; a test failed; findings or differences found"),
    ("2", "needs consent, or depends on unknown facts"),
    ("3", "errors in the rule files (or test files)"),
    ("64", "usage: bad arguments, a question that does not parse"),
]

ENVIRONMENT = [
    ("DEALCHECK_RULES", "The deal folder when --rules is not given. Without either, dealcheck uses the "
                        "bundled Microsoft-OpenAI deal."),
    ("NO_COLOR", "When set and not empty, output is never coloured. Colour is used only on a terminal."),
]


def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = "".join(c if ord(c) < 128 else "\\[u%04X]" % ord(c) for c in text)  # groff's Unicode escape
    return "\n".join(("\\&" + line) if line.startswith((".", "'")) else line for line in text.split("\n"))


def man_page(top, subs, version):
    out = [f'.TH DEALCHECK 1 "" "dealcheck {version}" "User Commands"',
           ".SH NAME", "dealcheck \\- " + roff(top["description"].removeprefix("dealcheck: ")),
           ".SH SYNOPSIS"]
    for name, sub in subs:
        usage = sub["usage"].split(f" {name}", 1)[-1].strip()  # after `<path> <name>`
        out += [".br", f".B dealcheck {name}", roff(usage)]
    out += [".br", ".B dealcheck", "\\-\\-help | \\-\\-version",
            ".SH DESCRIPTION", roff(DESCRIPTION), ".SH COMMANDS"]
    for name, sub in subs:
        out += [f'.SS "dealcheck {name}"', roff(sub["description"])]
        for p in sub["positionals"]:
            out += [".TP", f'.I {p["name"]}', roff(p["description"])]
        for o in sub["options"]:
            if o["name"] == "--help":
                continue
            spelled = ", ".join(f"\\fB{roff(n)}\\fR" for n in o["names"])
            arg = o["type"].split(":", 1)[0].replace(" ...", "").strip()
            vals = cli_help.choices(o)
            if vals:
                arg = "|".join(vals)
            out += [".TP", spelled + (f" \\fI{roff(arg)}\\fR" if arg else ""), roff(o["description"])]
        footer = [line for line in sub["footer"] if line.strip()]
        if footer:
            out += [".PP", ".nf", roff("\n".join(footer)), ".fi"]
    out += [".SH EXIT STATUS"]
    for code, meaning in EXIT_STATUS:
        out += [".TP", f".B {code}", roff(meaning)]
    out += [".PP", "Each command's own codes are listed with it above."]
    out += [".SH ENVIRONMENT"]
    for var, meaning in ENVIRONMENT:
        out += [".TP", f".B {var}", roff(meaning)]
    out += [".SH FILES", ".TP", ".I <prefix>/share/dealcheck/rules/", roff("The bundled deals."),
            ".TP", ".I <prefix>/share/dealcheck/docs/schema/",
            roff("JSON Schemas of the rule and test files, for editors (see docs/editors.md)."),
            ".SH EXAMPLES", ".nf",
            roff('dealcheck ask "OpenAI acquires Windsurf for 3B USD on 2025-06-01"\n'
                 "dealcheck check --rules rules/my-deal --error-format github\n"
                 "dealcheck test --rules rules/my-deal --junit report.xml\n"
                 "dealcheck init rules/my-deal"),
            ".fi", ".SH SEE ALSO",
            roff("docs/cli.md, docs/language.md and docs/tutorial.md in the dealcheck sources.")]
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
        positional = "dirs" if name == "init" else ("files" if sub["positionals"] else "")
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dealcheck")
    ap.add_argument("--man", required=True)
    ap.add_argument("--bash", required=True)
    ap.add_argument("--version", default="")
    a = ap.parse_args()
    top, subs = cli_help.read_cli(a.dealcheck)
    if not subs:
        sys.exit(f"{a.dealcheck} --help lists no subcommands")
    with open(a.man, "w", encoding="utf-8") as f:
        f.write(man_page(top, subs, a.version))
    with open(a.bash, "w", encoding="utf-8") as f:
        f.write(bash_completion(top, subs))


if __name__ == "__main__":
    main()
