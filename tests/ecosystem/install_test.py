#!/usr/bin/env python3
"""`cmake --install` into a scratch prefix, then use what it installed as a user would:
build programs against the CMake package (dealcheck::engine, dealcheck::analysis), run
the installed binary with no flags (it must find its bundled deal), read the man page,
and complete a command line with the bash completion.

Usage: install_test.py --cmake CMAKE --build BUILD_DIR --source SOURCE_DIR [--generator G] [--cxx CXX]
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--cmake", required=True)
ap.add_argument("--build", required=True)
ap.add_argument("--source", required=True)
ap.add_argument("--generator", default="")
ap.add_argument("--cxx", default="")
a = ap.parse_args()
source = os.path.abspath(a.source)
passed = failed = 0


def expect(ok, what, p=None):
    global passed, failed
    if ok:
        passed += 1
        return True
    failed += 1
    print(f"FAIL {what}")
    if p is not None:
        print(f"  $ {' '.join(p.args)}\n  exit {p.returncode}\n  " + (p.stdout or "").replace("\n", "\n  "))
    return False


def run(args, cwd=None, env=None):
    return subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=600)


def build_consumer(src, build, prefix):
    args = [a.cmake, "-S", src, "-B", build, f"-DCMAKE_PREFIX_PATH={prefix}", "-DCMAKE_BUILD_TYPE=Release"]
    if a.generator:
        args += ["-G", a.generator]
    if a.cxx:
        args += [f"-DCMAKE_CXX_COMPILER={a.cxx}"]
    p = run(args)
    if not expect(p.returncode == 0, f"configure {src} against the installed package", p):
        return False
    p = run([a.cmake, "--build", build])
    return expect(p.returncode == 0, f"build {src} against the installed package", p)


with tempfile.TemporaryDirectory() as tmp:
    prefix = os.path.join(tmp, "prefix")
    p = run([a.cmake, "--install", a.build, "--prefix", prefix])
    if not expect(p.returncode == 0, "cmake --install", p):
        sys.exit(1)

    share = os.path.join(prefix, "share")
    for path in ["bin/dealcheck", "include/dealcheck/dealcheck.hpp", "include/dealcheck/deal.hpp",
                 "share/dealcheck/rules/microsoft-openai/deal.yaml",
                 "share/dealcheck/rules/microsoft-openai/tests/clauses.yaml",
                 "share/dealcheck/docs/schema/agreement.schema.json",
                 "share/man/man1/dealcheck.1", "share/bash-completion/completions/dealcheck",
                 "share/zsh/vendor-completions/_dealcheck", "share/fish/vendor_completions.d/dealcheck.fish"]:
        expect(os.path.isfile(os.path.join(prefix, path)), f"installs {path}")
    expect(glob.glob(os.path.join(prefix, "lib*", "libdealcheck.a")) +
           glob.glob(os.path.join(prefix, "lib*", "libdealcheck.so")), "installs the engine library")
    expect(glob.glob(os.path.join(prefix, "lib*", "cmake", "dealcheck", "dealcheckConfig.cmake")),
           "installs the CMake package")
    for header in glob.glob(os.path.join(prefix, "include", "dealcheck", "*.hpp")):
        with open(header, encoding="utf-8") as f:
            text = f.read()
        expect("yaml-cpp" not in text and "boost" not in text and "CLI/" not in text,
               f"{os.path.basename(header)} includes no yaml-cpp, Boost or CLI11")

    # The library example of docs/library.md, built against the package.
    example = os.path.join(tmp, "example")
    if build_consumer(os.path.join(source, "docs", "examples"), example, prefix):
        p = run([os.path.join(example, "ask")], cwd=tmp)
        expect(p.returncode == 0 and p.stdout.startswith("PERMITTED\n  acquired-ip-2025  ")
               and "share/dealcheck/rules/microsoft-openai/agreements/" in p.stdout,
               "the example asks the installed bundled deal", p)

    # dealcheck::analysis comes with the package when Z3 is there.
    analysis = os.path.join(tmp, "analysis-src")
    os.makedirs(analysis)
    with open(os.path.join(analysis, "CMakeLists.txt"), "w") as f:
        f.write("cmake_minimum_required(VERSION 3.25)\nproject(uses_analysis LANGUAGES CXX)\n"
                "find_package(dealcheck 0.1 REQUIRED COMPONENTS analysis)\n"
                "add_executable(findings main.cpp)\n"
                "target_link_libraries(findings PRIVATE dealcheck::analysis)\n"
                'target_compile_definitions(findings PRIVATE DEAL="${dealcheck_RULES_DIR}/microsoft-openai")\n')
    with open(os.path.join(analysis, "main.cpp"), "w") as f:
        f.write('#include <dealcheck/analysis.hpp>\n#include <dealcheck/deal.hpp>\n#include <iostream>\n'
                "int main() {\n    auto loaded = dealcheck::Deal::load(DEAL);\n"
                "    if (!loaded.deal) return 3;\n"
                "    auto report = dealcheck::analyze(*loaded.deal, {});\n"
                '    std::cout << report.deal << ": " << report.findings.size() << " findings\\n";\n'
                "    return 0;\n}\n")
    if build_consumer(analysis, os.path.join(tmp, "analysis"), prefix):
        p = run([os.path.join(tmp, "analysis", "findings")], cwd=tmp)
        expect(p.returncode == 0 and p.stdout.startswith("microsoft-openai: "), "a program runs the analysis", p)

    # The installed binary finds its bundled deal with no flags, from anywhere.
    dealcheck = os.path.join(prefix, "bin", "dealcheck")
    env = {k: v for k, v in os.environ.items() if k != "DEALCHECK_RULES"}
    env["NO_COLOR"] = "1"
    p = run([dealcheck, "ask", "OpenAI acquires Windsurf for 3B USD on 2025-06-01"], cwd=tmp, env=env)
    expect(p.returncode == 0 and p.stdout.startswith("PERMITTED")
           and "prefix/share/dealcheck/rules/microsoft-openai/agreements/" in p.stdout
           and source not in p.stdout, "the installed binary answers from its bundled deal", p)
    p = run([dealcheck, "check"], cwd=tmp, env=env)
    expect(p.returncode == 0 and p.stdout.startswith("microsoft-openai: "), "installed: dealcheck check", p)
    p = run([dealcheck, "test", "--min-coverage", "100"], cwd=tmp, env=env)
    expect(p.returncode == 0, "installed: dealcheck test, on the installed regression tests", p)
    p = run([dealcheck, "init", "new-deal"], cwd=tmp, env=env)
    p2 = run([dealcheck, "test", "--rules", "new-deal"], cwd=tmp, env=env)
    expect(p.returncode == 0 and p2.returncode == 0, "installed: dealcheck init, then test", p2)

    # The Python module, when the build has one: imported from the prefix, it answers
    # from the installed deal.
    if glob.glob(os.path.join(a.build, "python", "module", "dealcheck*.so")):
        installed = glob.glob(os.path.join(prefix, "lib*", "python3*", "*-packages", "dealcheck*.so"))
        expect(installed, "installs the Python module under lib/python3.X/")
        stubs = [os.path.join(os.path.dirname(path), "dealcheck-stubs", "__init__.pyi") for path in installed]
        expect(any(os.path.isfile(s) for s in stubs), "installs its type stubs beside it (dealcheck-stubs/)")
        if installed:
            deal = os.path.join(share, "dealcheck", "rules", "microsoft-openai")
            code = ("import dealcheck, sys; a = dealcheck.load(sys.argv[1]).ask("
                    "'OpenAI acquires Windsurf for 3B USD on 2025-06-01'); print(a.verdict, dealcheck.__file__)")
            p = run([sys.executable, "-c", code, deal], cwd=tmp,
                    env=dict(env, PYTHONPATH=os.path.dirname(installed[0])))
            expect(p.returncode == 0 and p.stdout.startswith("permitted " + prefix),
                   "the installed Python module answers from the installed deal", p)

    # Modelines: the bundled files' resolve to the installed schemas; init's to the copies
    # of them it puts in the deal's own schema/ folder.
    for yaml_file, within in [
            (os.path.join(share, "dealcheck/rules/microsoft-openai/agreements/2019-07-22-partnership.yaml"), share),
            (os.path.join(tmp, "new-deal", "agreements", "2025-01-01-master.yaml"),
             os.path.join(tmp, "new-deal", "schema"))]:
        with open(yaml_file, encoding="utf-8") as f:
            first = f.readline().strip()
        target = os.path.normpath(os.path.join(os.path.dirname(yaml_file), first.split("$schema=", 1)[-1]))
        expect(first.startswith("# yaml-language-server: $schema=") and os.path.isfile(target)
               and target.startswith(within), f"the modeline of {os.path.relpath(yaml_file, tmp)} names a "
               f"schema in {within} ({target})")
        if within != share:
            with open(target, encoding="utf-8") as a, \
                    open(os.path.join(share, "dealcheck", "docs", "schema", os.path.basename(target))) as b:
                expect(a.read() == b.read(), "init copies the installed schemas")

    # The man page lists every subcommand, and groff reads it without a warning.
    subcommands = run([dealcheck, "--help"], env=env).stdout.split("Subcommands:\n", 1)[-1].split("\n\n")[0]
    subcommands = [line.split()[0] for line in subcommands.split("\n") if line.strip()]
    with open(os.path.join(share, "man", "man1", "dealcheck.1"), encoding="utf-8") as f:
        man = f.read()
    for sub in subcommands:
        expect(f'.SS "dealcheck {sub}"' in man, f"the man page documents `dealcheck {sub}`")
    # SEE ALSO names installed documentation, where it says it is.
    see_also = man.split(".SH SEE ALSO", 1)[-1]
    named = [n.replace("\\-", "-") for n in re.findall(r"^\.I (\S+)$", see_also, re.M)]
    expect("<prefix>/share/doc/dealcheck" in see_also and named, "SEE ALSO names the installed docs", see_also)
    for name in named:
        expect(os.path.isfile(os.path.join(share, "doc", "dealcheck", name)), f"installs {name}, which SEE ALSO names")
    if shutil.which("groff"):
        p = run(["groff", "-man", "-Tutf8", "-ww", "-z", os.path.join(share, "man", "man1", "dealcheck.1")])
        expect(p.returncode == 0 and not p.stdout.strip(), "groff reads the man page without warnings", p)

    # Bash completion completes subcommands and flag values.
    completion = os.path.join(share, "bash-completion", "completions", "dealcheck")
    script = (f'source "{completion}"\n'
              'c() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _dealcheck; '
              'echo "${COMPREPLY[*]}"; }\n'
              'c dealcheck ""\nc dealcheck check --error-format ""\nc dealcheck test --ver\n')
    p = run(["bash", "-c", script], cwd=tmp)
    lines = p.stdout.split("\n")
    expect(p.returncode == 0 and len(lines) >= 3 and set(subcommands) <= set(lines[0].split())
           and lines[1] == "human json github" and lines[2] == "--verbose", "bash completion completes", p)

print(f"install: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
