#!/usr/bin/env python3
"""The obligations' lifecycle sees no later event: as of any day, the status read from a
whole history equals the status read from the events up to that day alone.

`dealcheck status` computes the lifecycle once from the whole history and reads it as
of a date; this holds that reading to a history cut at the date, on each history of the
sale-of-goods deal, on each day one of its events happens. The negative control cuts
one day too early and must see a difference: an event counts on its own day.

Usage: lifecycle_causality.py DEALCHECK DEAL_DIR
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile

import yaml


def status(dealcheck, deal, history, as_of):
    p = subprocess.run([dealcheck, "status", "--json", "--rules", deal, "--no-history",
                        "--history", history, "--as-of", as_of],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=True)
    doc = json.loads(p.stdout)
    # Steps name the file they come from; the cut history is another file.
    return [(o["id"], o["instance"], o["state"], o["late"], o["suspended"], o["deadline"],
             o.get("paid")) for o in doc["obligations"]] + \
           [(p["id"], p["state"], p["since"]) for p in doc["powers"]]


def cut(events, last_day, folder):
    path = os.path.join(folder, f"upto-{last_day}.yaml")
    kept = [e for e in events if str(e["date"]) <= last_day]
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump({"events": kept or None}, f)
    return path


def main():
    dealcheck, deal = sys.argv[1], sys.argv[2]
    folder = os.path.join(deal, "histories")
    histories = [os.path.join(deal, "history.yaml")] + sorted(
        os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".yaml"))
    failures, compared, control_differs = 0, 0, False
    with tempfile.TemporaryDirectory() as scratch:
        for history in histories:
            with open(history, encoding="utf-8") as f:
                events = yaml.safe_load(f)["events"]
            # Each day an event happens: what it changes must be seen that day and not before
            # (the days between change only by deadlines, which need no event).
            days = sorted({datetime.date.fromisoformat(str(e["date"])) for e in events})
            for d in days:
                day = d.isoformat()
                whole = status(dealcheck, deal, history, day)
                upto = status(dealcheck, deal, cut(events, day, scratch), day)
                compared += 1
                if whole != upto:
                    failures += 1
                    print(f"{os.path.basename(history)} as of {day}: the whole history gives "
                          f"{whole}, the history up to that day {upto}")
                if not control_differs:
                    early = (d - datetime.timedelta(days=1)).isoformat()
                    control_differs = status(dealcheck, deal, cut(events, early, scratch), day) != whole
    if not control_differs:
        print("negative control: a history cut a day early changes nothing: the comparison "
              "cannot fail")
        failures += 1
    print(f"lifecycle causality: {compared} days compared, {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
