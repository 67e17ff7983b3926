"""Counts the checks of a test script and prints each failure, for scripts that run
many checks and report them all before exiting (tests/ecosystem/schema_test.py,
tests/editors/schema_tools_test.py).

    report = Tally()
    report(ok, "what was checked", ["details shown when it failed"])
    print(f"{report.passed} passed, {report.failed} failed")
    sys.exit(report.exit_code())
"""


class Tally:
    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, ok, what, details=()):
        if ok:
            self.passed += 1
            return
        self.failed += 1
        print(f"FAIL {what}")
        for d in details:
            print(f"    {d}")

    def exit_code(self):
        """1 when a check failed, or when none ran (a test that checks nothing fails)."""
        return 1 if self.failed or not self.passed else 0
