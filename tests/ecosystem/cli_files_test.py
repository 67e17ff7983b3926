#!/usr/bin/env python3
"""The man page and shell completions generated from `dealcheck --help`: the man page is
lint-clean under `mandoc -T lint`, says what --help says (every flag with its text, every
exit code the CLI's sources name), and names in SEE ALSO only installed documentation;
the zsh and fish completions parse, and fish completes subcommands, flags and values.

Usage: cli_files_test.py DEALCHECK REPO BUILD_DIR
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import cli_help  # noqa: E402

dealcheck, repo, build = (os.path.abspath(a) for a in sys.argv[1:4])
passed = failed = 0


def expect(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}" + (f"\n  {detail}" if detail else ""))


def run(*args, **kw):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60, **kw)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


man_path = os.path.join(build, "dealcheck.1")
man = read(man_path)
top, subs = cli_help.read_cli(dealcheck)

# Lint-clean: no style remark, warning or error.
p = run("mandoc", "-T", "lint", "-W", "all", man_path)
expect(p.returncode == 0 and not p.stdout.strip(), "mandoc -T lint -W all finds nothing in the man page", p.stdout)


def unroff(text):
    """The man page's text as words: escapes undone, lines joined."""
    text = re.sub(r"\\f[BIR]", "", text).replace("\\-", "-").replace("\\e", "\\").replace("\\&", "")
    text = re.sub(r"\\\[u([0-9A-F]{4})\]", lambda m: chr(int(m.group(1), 16)), text)
    return " ".join(line for line in text.split("\n") if not line.startswith("."))


def section(name):
    m = re.search(rf"^\.SH {name}\n(.*?)(?=^\.SH |\Z)", man, re.S | re.M)
    return m.group(1) if m else ""


# --help and the man page from one source: every flag of every subcommand, with its text.
words = " ".join(unroff(man).split())
for name, sub in subs:
    for o in sub["options"]:
        if o["name"] == "--help":
            continue
        expect(" ".join(o["description"].split()) in words, f"the man page gives `{name} {o['name']}` its --help text")
    expect(" ".join(" ".join(sub["footer"]).split()) in words, f"the man page gives `{name}`'s exit codes")

# Readable --help: value names say what to give, without a validator's workings.
noisy = [f"{name} {o['name']} {o['type']}" for name, sub in subs for o in sub["options"]
         if re.search(r"\bU?INT\b|\bFLOAT\b|in \[", o["type"])]
expect(not noisy, "no --help value name shows a type or a range check", "; ".join(noisy))

# Every exit code the sources name is in --help, the man page and docs/cli.md.
enum = read(os.path.join(repo, "cli", "options.hpp"))
source_codes = set(re.findall(r"^\s+\w+ = (\d+),", enum.split("enum Exit", 1)[1].split("};", 1)[0], re.M))
literal = [f"{f}: {m}" for f in os.listdir(os.path.join(repo, "cli")) if f.endswith(".cpp")
           for m in re.findall(r"return \d\d+;", read(os.path.join(repo, "cli", f)))]
expect(not literal, "the CLI returns exit codes by name (cli/options.hpp), not as numbers", ", ".join(literal))
help_codes = {code for code, _ in __import__("gen_cli_files").footer_blocks(top["footer"])[0].get("Exit status", [])}
man_codes = set(re.findall(r"^\.B (\d+)$", section("EXIT STATUS"), re.M))
cli_md = read(os.path.join(repo, "docs", "cli.md"))
table = cli_md.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
doc_codes = {c for row in re.findall(r"^\| ([\d, ]+) \|", table, re.M) for c in re.findall(r"\d+", row)}
expect({"0", "3", "64", "65", "70", "74"} <= source_codes, "the exit codes are read from cli/options.hpp", str(source_codes))
expect(help_codes == source_codes, "dealcheck --help lists every exit code", f"{sorted(help_codes)} vs {sorted(source_codes)}")
expect(man_codes == source_codes, "the man page's EXIT STATUS lists every exit code", f"{sorted(man_codes)}")
expect(doc_codes == source_codes, "docs/cli.md's exit code table lists every exit code", f"{sorted(doc_codes)}")
for name, sub in subs:
    codes_line = " ".join(sub["footer"]).split("Exit codes:", 1)[-1].split(".")[0]
    own = set(re.findall(r"(?:^|,) (\d+) ", codes_line))
    expect(own <= source_codes, f"`{name}`'s exit codes are among dealcheck's", f"{sorted(own - source_codes)}")
expect(all(f".B {v}" in section("ENVIRONMENT") for v in ("DEALCHECK_RULES", "NO_COLOR")),
       "the man page's ENVIRONMENT comes from --help")

# SEE ALSO names documentation that cmake installs (ecosystem.install checks it is there).
install = read(os.path.join(repo, "cmake", "install.cmake"))
installed = re.search(r"set\(DEALCHECK_INSTALLED_DOCS ([^)]*)\)", install).group(1).split()
named = [n.replace("\\-", "-") for n in re.findall(r"^\.I (\S+)$", section("SEE ALSO"), re.M)]
expect(named and set(named) <= set(installed), "SEE ALSO names only installed documentation", f"{named} vs {installed}")
expect(all(os.path.exists(os.path.join(repo, "docs", n)) for n in installed), "every installed doc exists")
expect("docs/" not in section("SEE ALSO"), "SEE ALSO points at no source tree")

# The completions: they parse, and list every subcommand and flag.
zsh_file, fish_file = os.path.join(build, "_dealcheck"), os.path.join(build, "dealcheck.fish")
zsh, fish = read(zsh_file), read(fish_file)
for name, sub in subs:
    expect(f"'{name}:" in zsh and f"-a {name} " in fish, f"the zsh and fish completions offer `{name}`")
    for o in sub["options"]:
        for n in o["names"]:
            fish_form = f"-l {n[2:]}" if n.startswith("--") else f"-s {n[1:]}"
            fish_lines = [line for line in fish.split("\n") if f"__fish_seen_subcommand_from {name}' " in line]
            expect(n in zsh and any(f" {fish_form} " in line for line in fish_lines),
                   f"the zsh and fish completions offer `{name} {n}`")
p = run("zsh", "-n", zsh_file)
expect(p.returncode == 0, "zsh parses its completion", p.stdout)
p = run("fish", "-n", fish_file)
expect(p.returncode == 0, "fish parses its completion", p.stdout)


def fish_complete(line):
    p = run("fish", "--no-config", "-c", f"source {fish_file}; complete -C {line!r}", cwd=build)
    return [row.split("\t")[0] for row in p.stdout.split("\n") if row]


expect(fish_complete("dealcheck te") == ["test"], "fish completes a subcommand", str(fish_complete("dealcheck te")))
expect("--json" in fish_complete("dealcheck test --js"), "fish completes a flag of the subcommand")
expect("--json" not in fish_complete("dealcheck check --js"), "fish offers only the subcommand's flags")
expect(fish_complete("dealcheck check --error-format ") == ["github", "human", "json"],
       "fish completes a flag's values", str(fish_complete("dealcheck check --error-format ")))

print(f"cli files: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
