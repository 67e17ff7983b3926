"""The type stubs (python/stubs/dealcheck-stubs/__init__.pyi) name what the built module
has, no more and no less: its functions, classes and exceptions, and each class's
methods and properties, so that the stubs cannot drift from the module.

Run by ctest (python.module) with PYTHONPATH at the built module and DEALCHECK_REPO at
the source tree.
"""
import ast
import inspect
import os
import unittest

import dealcheck

STUB = os.path.join(os.environ["DEALCHECK_REPO"], "python", "stubs", "dealcheck-stubs", "__init__.pyi")
# The protocols a type checker needs to see; other dunders come from `object`.
PROTOCOLS = {"__iter__", "__next__", "__len__", "__eq__"}


def public(name):
    return not name.startswith("_") or name in PROTOCOLS or name == "__version__"


def stub_names():
    """{name: None for a function or variable, or {member names} for a class}; and the
    instance attributes the stub annotates on classes (`diagnostics: list[...]`)."""
    with open(STUB, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    names, annotated = {}, {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef) and public(n.name)}
            annotated[node.name] = {n.target.id for n in node.body if isinstance(n, ast.AnnAssign)}
        elif isinstance(node, ast.FunctionDef):
            names[node.name] = None
        elif isinstance(node, (ast.AnnAssign, ast.Assign)):
            for target in [node.target] if isinstance(node, ast.AnnAssign) else node.targets:
                names[target.id] = None
    return {k: v for k, v in names.items() if public(k)}, annotated


def module_names():
    names = {}
    for name in dir(dealcheck):
        if not public(name):
            continue
        value = getattr(dealcheck, name)
        names[name] = {m for m in vars(value) if public(m)} if inspect.isclass(value) else None
    return names


class Stubs(unittest.TestCase):
    def test_the_stubs_name_what_the_module_has(self):
        stub, _ = stub_names()
        module = module_names()
        self.assertEqual(sorted(stub), sorted(module), "module-level names")
        for name, members in module.items():
            if members is not None:
                self.assertEqual(sorted(stub[name] or ()), sorted(members), f"members of {name}")

    def test_the_attributes_the_stubs_annotate_are_there(self):
        _, annotated = stub_names()
        with self.assertRaises(dealcheck.QuestionError) as raised:
            dealcheck.load(os.path.join(os.environ["DEALCHECK_REPO"], "rules", "microsoft-openai")).ask("OpenAI")
        for attribute in annotated["Error"]:
            self.assertTrue(hasattr(raised.exception, attribute), attribute)
        self.assertEqual({k for k, v in annotated.items() if v}, {"Error"}, "annotated instance attributes")

    def test_the_comparison_sees_a_difference(self):
        # The negative control: a name the stub lacks or a member too many is noticed.
        stub, _ = stub_names()
        module = module_names()
        self.assertNotEqual(sorted(stub), sorted(set(module) | {"ask_everything"}))
        self.assertNotEqual(stub["Answer"], module["Answer"] - {"verdict"})


if __name__ == "__main__":
    unittest.main()
