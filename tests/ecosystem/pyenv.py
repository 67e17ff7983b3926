"""Imports PyYAML and jsonschema, or re-runs the calling script under Debian's python3.

ctest runs these scripts with the Python CMake found, which may be a pyenv or venv
interpreter without Debian's python3-yaml and python3-jsonschema (scripts/bootstrap
installs those): fall back to /usr/bin/python3, which has them.
"""
import os
import sys


def require_yaml_and_jsonschema():
    try:
        import jsonschema  # noqa: F401
        import yaml  # noqa: F401
    except ImportError as e:
        system = "/usr/bin/python3"
        if os.path.realpath(sys.executable) != os.path.realpath(system) and os.path.exists(system):
            os.execv(system, [system] + sys.argv)
        sys.exit(f"{sys.argv[0]}: {e}: install python3-yaml and python3-jsonschema (scripts/bootstrap does)")


def yaml12_loader():
    """A PyYAML loader that reads scalars as YAML 1.2's core schema does, as editors
    (yaml-language-server) do: `2030-12-31`, `yes` and `012` stay strings; `true`,
    `3` and `1.5` are a bool, an int and a float."""
    import re

    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {}
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
        list("-+0123456789"))
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                   r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
        list("-+0123456789."))

    def construct_int(loader, node):
        text = loader.construct_scalar(node)
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)

    Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    return Loader
