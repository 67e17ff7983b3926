"""A small valid deal that the generated cases of the corpus start from."""
import os

MANIFEST = """\
deal: tiny
title: A tiny deal
parties:
  - id: acme
    name: Acme
  - id: globex
    name: Globex
vocabulary: vocabulary.yaml
agreements:
  - id: main
    effective: 2020-01-01
    file: agreements/main.yaml
"""

VOCABULARY = """\
enums:
  company: [initech, hooli]
actions:
  acquire:
    verbs: [acquires, buys]
    attributes:
      target: company
      price: {type: money, words: [for]}
facts:
  approved:
    type: bool
definitions:
  big: "price > 1B USD"
"""

AGREEMENT = """\
agreement: main
clauses:
  - id: no-big-buys
    title: No big acquisitions
    quote: Acme shall not acquire a company for more than one billion dollars.
    cite: Section 1
    tag: official
    party: acme
    actions: [acquire]
    when: big and not approved
    effect: forbid
"""

CLAUSE = """\
  - id: {id}
    title: Clause {id}
    quote: Text of {id}.
    cite: Section {id}
    tag: official
    party: acme
    actions: [acquire]
    effect: forbid
"""


def write(root, relative, data):
    """Writes text or bytes to root/relative, creating folders."""
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def write_base(root, manifest=MANIFEST, vocabulary=VOCABULARY, agreement=AGREEMENT):
    """The whole deal; pass a replacement for the file the case is about."""
    write(root, "deal.yaml", manifest)
    write(root, "vocabulary.yaml", vocabulary)
    write(root, "agreements/main.yaml", agreement)
