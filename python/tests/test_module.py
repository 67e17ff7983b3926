"""The `dealcheck` Python module against the `dealcheck` command: the same engine, so the
same answers, timelines, batch lines and diagnostics; Python errors, never crashes.

Run by ctest (python.module) with PYTHONPATH at the built module, DEALCHECK_REPO at the
source tree and DEALCHECK_CLI at the built binary.
"""
import concurrent.futures
import datetime
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

import dealcheck

REPO = os.environ["DEALCHECK_REPO"]
CLI = os.environ["DEALCHECK_CLI"]
DEAL = os.path.join(REPO, "rules", "microsoft-openai")
WINDSURF = "OpenAI acquires Windsurf for 3B USD on 2025-06-01"


def cli(*args, stdin=None):
    p = subprocess.run([CLI, *args], input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       env=dict(os.environ, NO_COLOR="1"), timeout=60)
    return p.returncode, p.stdout


class Ask(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.deal = dealcheck.load(DEAL)

    def test_a_phrase_gets_the_answer_of_dealcheck_ask(self):
        a = self.deal.ask(WINDSURF)
        code, out = cli("ask", "--json", "--rules", DEAL, WINDSURF)
        self.assertEqual(a.to_dict(), json.loads(out))
        self.assertEqual(a.exit_code, code)
        self.assertEqual(a.verdict, json.loads(out)["verdict"])
        self.assertEqual([c.id for c in a.clauses], [c["id"] for c in json.loads(out)["deciding"]])
        self.assertEqual(a.date, datetime.date(2025, 6, 1))
        self.assertTrue(all(c.file.endswith(".yaml") and c.line > 0 for c in a.clauses))
        self.assertEqual(str(a), cli("ask", "--rules", DEAL, WINDSURF)[1])

    def test_structured_questions_mean_what_the_phrase_means(self):
        phrase = self.deal.ask(WINDSURF)
        fields = dict(party="openai", action="acquire", attributes={"target": "windsurf", "price": "3B USD"})
        by_keywords = self.deal.ask(**fields, date=datetime.date(2025, 6, 1))
        by_dict = self.deal.ask(dict(fields, date="2025-06-01"))
        for a in (by_keywords, by_dict):
            self.assertEqual(a.question, phrase.question)
            self.assertEqual(a.json(), phrase.json())
        self.assertEqual(self.deal.ask(self.deal.question(WINDSURF)).json(), phrase.json())

    def test_facts_and_consents_change_the_answer_as_on_the_command_line(self):
        base = dict(party="openai", action="serve_api", attributes={"api": "stateless", "cloud": "aws"},
                    date="2026-01-01")
        flags = ["--party", "openai", "--action", "serve_api", "--set", "api=stateless", "--set", "cloud=aws",
                 "--date", "2026-01-01"]
        for extra, more in [({}, []), ({"facts": {"agi_verified": "unknown"}}, ["--fact", "agi_verified=unknown"]),
                            ({"consents": ["microsoft"]}, ["--consent", "microsoft"])]:
            a = self.deal.ask(**base, **extra)
            self.assertEqual(a.to_dict(), json.loads(cli("ask", "--json", "--rules", DEAL, *flags, *more)[1]), extra)
        with self.assertRaisesRegex(dealcheck.QuestionError, "cannot be used with `question`"):
            self.deal.ask(WINDSURF, facts={"agi_verified": "true"})

    def test_a_question_over_a_period_gets_its_parts(self):
        a = self.deal.ask("Can OpenAI acquire Windsurf in June 2025?")
        self.assertIsInstance(a, dealcheck.PeriodAnswer)
        self.assertEqual(a.period, (datetime.date(2025, 6, 1), datetime.date(2025, 6, 30)))
        self.assertEqual(a.parts[0].from_, a.period[0])
        self.assertEqual(a.parts[-1].until, a.period[1])
        self.assertEqual(a.to_dict(), json.loads(cli("ask", "--json", "--rules", DEAL,
                                                     "Can OpenAI acquire Windsurf in June 2025?")[1]))
        self.assertEqual(a.verdict, "varies" if a.varies else a.parts[0].answer.verdict)

    def test_explain_and_what_if(self):
        a = self.deal.ask("OpenAI serves stateless API on AWS on 2024-06-01", explain=True, what_if=True)
        code, out = cli("ask", "--rules", DEAL, "--why-not", "--what-would-change",
                        "OpenAI serves stateless API on AWS on 2024-06-01")
        self.assertTrue(out.startswith(a.text() + a.why_not()))
        self.assertTrue(a.what_if, "a forbidden question has changes that flip it")
        self.assertTrue(all(w.verdict != a.verdict for w in a.what_if))
        with self.assertRaisesRegex(ValueError, "explain=True"):
            self.deal.ask(WINDSURF).why_not()

    def test_a_question_that_does_not_parse_raises_with_its_location(self):
        with self.assertRaises(dealcheck.QuestionError) as caught:
            self.deal.ask("OpenAI acquires Windsurf for 3B USD on 2025-13-01")
        e = caught.exception
        self.assertIsInstance(e, ValueError)
        self.assertTrue(e.diagnostics)
        d = e.diagnostics[0]
        self.assertEqual(d.severity, "error")
        self.assertGreater(d.column, 0)
        self.assertEqual((d.code, d.name), ("DC5009", "question-value"))
        self.assertIn(f":{d.line}:{d.column}: error[{d.code}]: {d.message}", str(e))
        with self.assertRaises(dealcheck.QuestionError) as caught:
            self.deal.ask(party="nobody", action="acquire")
        self.assertIn("nobody", str(caught.exception))

    def test_wrong_types_raise_python_errors(self):
        with self.assertRaises(TypeError):
            self.deal.ask(42)
        with self.assertRaises(TypeError):
            self.deal.ask()
        with self.assertRaisesRegex(ValueError, "2025-02-30"):
            self.deal.ask(WINDSURF, today="2025-02-30")
        with self.assertRaises(TypeError):
            self.deal.ask(self.deal.question(WINDSURF), facts={"agi_declared": "true"})

    def test_threads_share_one_deal(self):
        questions = [WINDSURF, "OpenAI serves stateless API on AWS on 2024-06-01",
                     "Microsoft uses OpenAI models on 2027-01-01"] * 20
        expected = [self.deal.ask(q).json() for q in questions]
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            self.assertEqual(list(pool.map(lambda q: self.deal.ask(q).json(), questions)), expected)


class Timeline(unittest.TestCase):
    def test_the_intervals_are_those_of_dealcheck_timeline(self):
        deal = dealcheck.load(DEAL)
        t = deal.timeline("OpenAI serves stateless API on AWS")
        self.assertEqual(t.to_dict(), json.loads(cli("timeline", "--json", "--rules", DEAL,
                                                     "OpenAI serves stateless API on AWS")[1]))
        intervals = list(t)
        self.assertEqual(len(intervals), len(t))
        self.assertIsNone(intervals[0].from_)
        for before, after in zip(intervals, intervals[1:]):
            self.assertEqual(before.until + datetime.timedelta(days=1), after.from_)
        self.assertIn("forbidden", [i.verdict for i in intervals])
        self.assertTrue(t._repr_svg_().startswith("<svg"))

    def test_all_obligations_shows_what_is_not_related_as_the_cli_does(self):
        deal = dealcheck.load(DEAL)
        question = "OpenAI acquires Windsurf for $3 billion"
        for flags, keyword in (([], False), (["--all-obligations"], True)):
            t = deal.timeline(question, all_obligations=keyword)
            self.assertEqual(t.to_dict(), json.loads(cli("timeline", "--json", *flags, "--rules",
                                                         DEAL, question)[1]))
        related, every = (deal.timeline(question, all_obligations=k).to_dict()
                          for k in (False, True))
        self.assertEqual(related["obligations_shown"], "related")
        self.assertEqual(every["obligations_shown"], "all")
        self.assertGreater(len(every["obligations"]), len(related["obligations"]))


class Batch(unittest.TestCase):
    def test_answers_lazily_what_dealcheck_batch_answers(self):
        items = [WINDSURF, {"id": 7, "party": "openai", "action": "acquire",
                            "attributes": {"target": "windsurf"}, "date": datetime.date(2025, 6, 1)},
                 "OpenAI frobnicates", {"question": "Microsoft uses OpenAI models on 2027-01-01"}]
        pulled = []

        def source():
            for item in items:
                pulled.append(item)
                yield item

        answers = dealcheck.load(DEAL).batch(source(), today=datetime.date(2026, 1, 1))
        first = next(answers)
        self.assertEqual(len(pulled), 1, "one item is read per answer")
        got = [first] + list(answers)
        lines = "".join(json.dumps(i if isinstance(i, dict) else {"question": i}, default=str) + "\n"
                        for i in items)
        code, out = cli("batch", "--rules", DEAL, "-", stdin=lines)
        self.assertEqual(got, [json.loads(line) for line in out.splitlines()])
        self.assertEqual(got[1]["id"], 7)
        self.assertEqual((got[2]["code"], got[2]["name"]), ("DC5002", "unknown-word"))
        with self.assertRaises(TypeError):
            list(dealcheck.load(DEAL).batch([3]))


class Tests(unittest.TestCase):
    def test_the_deal_tests_run_as_dealcheck_test_runs_them(self):
        run = dealcheck.load(DEAL).test(today=datetime.date(2026, 1, 1))
        code, out = cli("test", "--rules", DEAL, "--today", "2026-01-01", "--json")
        report = json.loads(out)
        self.assertEqual(run.passed, len([c for c in run.cases if c.status == "passed"]))
        self.assertGreater(run.passed, 0)
        self.assertEqual((run.failed, run.errors), (0, 0))
        self.assertIn(run.summary(), cli("test", "--rules", DEAL, "--today", "2026-01-01")[1].splitlines())
        self.assertEqual([c["name"] for c in report["cases"]], [c.name for c in run.cases])
        self.assertEqual(untimed(run.to_dict()["cases"]), untimed(report["cases"]))
        self.assertEqual(ET.fromstring(run.junit()).tag, "testsuites")
        filtered = dealcheck.load(DEAL).test(filter=run.cases[0].name)
        self.assertLess(len(filtered.cases), len(run.cases))


class DealViews(unittest.TestCase):
    def test_status_and_vocabulary_are_those_of_the_command_with_the_same_history(self):
        goods = os.path.join(REPO, "rules", "sale-of-goods")
        late = os.path.join(goods, "histories", "paid-late.yaml")
        deal = dealcheck.load(goods, history=[late], own_history=False)
        code, out = cli("status", "--json", "--rules", goods, "--history", late, "--no-history",
                        "--as-of", "2026-06-01")
        self.assertEqual(deal.status(datetime.date(2026, 6, 1)), json.loads(out))
        self.assertNotEqual(deal.status("2026-06-01"), dealcheck.load(goods).status("2026-06-01"))
        self.assertEqual(deal.vocabulary(), json.loads(cli("vocab", "--json", "--rules", goods, "--history", late,
                                                           "--no-history")[1]))


def untimed(value):
    """A report without its `time` fields, which differ from run to run."""
    if isinstance(value, dict):
        return {k: untimed(v) for k, v in value.items() if k != "time"}
    if isinstance(value, list):
        return [untimed(v) for v in value]
    return value


class Load(unittest.TestCase):
    def test_rule_errors_raise_load_error_with_every_diagnostic(self):
        with tempfile.TemporaryDirectory() as tmp:
            deal = os.path.join(tmp, "deal")
            shutil.copytree(os.path.join(REPO, "tests", "ecosystem", "base-deal"), deal)
            main = os.path.join(deal, "agreements", "main.yaml")
            with open(main, encoding="utf-8") as f:
                text = f.read()
            with open(main, "w", encoding="utf-8") as f:
                f.write(text.replace("effect: forbid", "efect: forbid"))
            with self.assertRaises(dealcheck.LoadError) as caught:
                dealcheck.load(deal)
            e = caught.exception
            self.assertIsInstance(e, dealcheck.Error)
            listed = dealcheck.check(deal)
            self.assertEqual([str(d) for d in e.diagnostics], [str(d) for d in listed])
            code, out = cli("check", "--rules", deal, "--error-format", "json")
            self.assertEqual([d.to_dict() for d in listed], [json.loads(line) for line in out.splitlines()
                                                             if line.startswith("{")])
            d = next(d for d in listed if "efect" in d.source_line)
            self.assertEqual((d.file, d.severity), (main, "error"))
            self.assertEqual(text.splitlines()[d.line - 1].replace("effect", "efect"), d.source_line)
            self.assertIn("effect", d.hint)

    def test_a_missing_folder_raises_and_a_good_one_checks_clean(self):
        with self.assertRaises(dealcheck.LoadError):
            dealcheck.load(os.path.join(REPO, "no-such-deal"))
        self.assertEqual([d for d in dealcheck.check(DEAL) if d.severity == "error"], [])
        deal = dealcheck.load(DEAL)
        self.assertEqual(deal.summary.id, "microsoft-openai")
        self.assertIn("openai", deal.summary.parties)


if __name__ == "__main__":
    unittest.main()
