// The page of `dealcheck serve`: asks the API (docs/server.md) and shows its answers.
// No framework and no build step: the server embeds this file as it is.
"use strict";

const $ = (id) => document.getElementById(id);
let deal = null;
let words = [];

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

async function api(path, options) {
  const response = await fetch(path, options);
  const type = response.headers.get("Content-Type") || "";
  const body = type.startsWith("application/json") ? await response.json() : await response.text();
  return { ok: response.ok, status: response.status, body };
}

function showError(target, body) {
  const lines = (body.diagnostics || []).map((d) =>
    `${d.file}${d.line ? ":" + d.line + ":" + d.column : ""}: ${d.message}` +
    (d.source_line ? `\n  ${d.source_line}` : "") + (d.hint ? `\n  hint: ${d.hint}` : ""));
  target.replaceChildren(el("p", { class: "error", role: "alert" }, body.error || "error", "\n", lines.join("\n")));
}

function clauseBlock(c) {
  return el("div", { class: "clause" },
    el("strong", {}, c.id), " — ", c.title || "", " ", el("span", { class: "muted" }, `[${c.tag}] ${c.effect}`),
    el("blockquote", {}, c.quote || ""),
    el("div", { class: "muted" }, `${c.cite || ""} — ${c.file}:${c.line}`));
}

function list(title, items, render) {
  if (!items || !items.length) return el("span");
  const ul = el("ul");
  for (const i of items) ul.append(el("li", {}, render(i)));
  return el("div", {}, el("h3", {}, title), ul);
}

function showAnswer(envelope, phrase) {
  const a = envelope.answer;
  const target = $("answer");
  const verdict = el("div", {},
    el("span", { class: `verdict ${a.verdict}`, id: "verdict", "data-question": phrase }, a.verdict.toUpperCase()),
    a.consent_of && a.consent_of.length ? ` of ${a.consent_of.join(", ")}` : "",
    el("span", { class: "muted" }, `  on ${a.date} · revision ${envelope.revision}`));
  const deciding = el("div", { id: "deciding" }, el("h3", {}, "Deciding clauses"));
  if (!a.deciding.length) deciding.append(el("p", {}, `No clause decides: the default (${a.default || "permitted"}) applies.`));
  for (const c of a.deciding) deciding.append(clauseBlock(c));
  target.replaceChildren(verdict, deciding,
    list("Consequences", a.consequences, (c) =>
      `${c.party}: ${c.text}` + (c.until ? ` (until ${c.until})` : "") + ` — ${c.clause}`),
    list("Depends on", a.depends_on, (d) =>
      `${d.name}: ` + (d.outcomes || []).map((o) => `${o.value} → ${o.verdict}`).join(", ")),
    list("Readings used", a.readings, (r) => `${r.reading} = ${r.value}: ${r.says}`),
    list("Other readings", a.other_readings, (r) =>
      `${r.reading} = ${r.value} → ${r.verdict}` + (r.deciding.length ? ` (${r.deciding.join(", ")})` : "") + `: ${r.says}`),
    list("Assumed", a.assumed, (f) => `${f.name} = ${f.value}`));
}

async function ask(phrase) {
  const options = { method: "POST", headers: { "Content-Type": "text/plain" }, body: phrase };
  const [answer, timeline] = await Promise.all([
    api(`/v1/deals/${encodeURIComponent(deal)}/ask`, options),
    api(`/v1/deals/${encodeURIComponent(deal)}/timeline?format=svg`, options)]);
  if (!answer.ok) { showError($("answer"), answer.body); $("timeline-section").hidden = true; return; }
  if (answer.body.period_answer) {
    $("answer").replaceChildren(el("pre", {}, JSON.stringify(answer.body.period_answer, null, 2)));
  } else {
    showAnswer(answer.body, phrase);
  }
  if (timeline.ok) {
    // The SVG comes from this server's own renderer (render_timeline_svg), escaped there.
    $("timeline").innerHTML = timeline.body;
    $("timeline-section").hidden = false;
  }
}

// Completion: the last word typed, completed from the vocabulary's words; the rest of
// the phrase is kept.
function suggest() {
  const text = $("question").value;
  const cut = text.lastIndexOf(" ") + 1;
  const head = text.slice(0, cut), last = text.slice(cut).toLowerCase();
  const options = last ? words.filter((w) => w.toLowerCase().startsWith(last) && w.toLowerCase() !== last) : [];
  $("suggestions").replaceChildren(...options.slice(0, 15).map((w) => el("option", { value: head + w })));
}

async function loadDeal(name) {
  deal = name;
  const v = await api(`/v1/deals/${encodeURIComponent(name)}/vocab`);
  if (!v.ok) { showError($("vocabulary"), v.body); return; }
  const vocab = v.body.vocabulary;
  $("revision").textContent = `${vocab.title} · revision ${v.body.revision}`;
  const set = new Set();
  for (const p of vocab.parties) { set.add(p.name); for (const a of p.aliases) set.add(a); }
  for (const a of vocab.actions) {
    for (const verb of a.verbs) set.add(verb);
    for (const attr of a.attributes) {
      for (const value of attr.values) set.add(value.label);
      for (const w of attr.words) set.add(w);
      for (const p of attr.phrases) set.add(p);
    }
  }
  set.add("on"); set.add("in");
  words = [...set].filter((w) => typeof w === "string" && w);
  const examples = el("ul", { id: "examples" });
  for (const e of vocab.examples) {
    const b = el("button", { type: "button", class: "example" }, e.question);
    b.addEventListener("click", () => { $("question").value = e.question; ask(e.question); });
    examples.append(el("li", {}, b, el("span", { class: "muted" }, ` ${e.verdict}`)));
  }
  const parties = vocab.parties.map((p) => p.name).join(", ");
  const actions = el("ul");
  for (const a of vocab.actions)
    actions.append(el("li", {}, el("strong", {}, a.verbs[0] || a.id), ` — ${a.description}`,
      a.attributes.length ? el("span", { class: "muted" }, ` (${a.attributes.map((x) => x.id).join(", ")})`) : ""));
  $("vocabulary").replaceChildren(el("p", {}, `Parties: ${parties}`), el("h3", {}, "Actions"), actions,
    el("h3", {}, "Examples"), examples);
}

// The deal's agreements, each a disclosure with its clauses and what replaced, amended
// or terminated what.
async function loadAgreements(name) {
  const r = await api(`/v1/deals/${encodeURIComponent(name)}/agreements`);
  if (!r.ok) { showError($("agreements"), r.body); return; }
  const blocks = r.body.agreements.map((a) => {
    const clauses = a.clauses.map((c) => {
      const relations = [];
      if (c.replaces.length) relations.push(`replaces ${c.replaces.join(", ")}`);
      if (c.amends) relations.push(`amends ${c.amends}`);
      relations.push(`in force from ${c.in_force_from}`);
      if (c.superseded_from) relations.push(`displaced on ${c.superseded_from} by ${c.superseded_by}`);
      const block = clauseBlock(c);
      block.classList.add("listed-clause");
      block.id = `clause-${c.id}`;
      block.append(el("div", { class: "relations" }, relations.join(" · ")));
      return block;
    });
    return el("details", { class: "agreement", "data-agreement": a.id },
      el("summary", {}, `${a.effective} — ${a.title} (${a.id}, ${a.clauses.length} clauses)` +
        (a.terminates.length ? ` · terminates ${a.terminates.join(", ")}` : "")),
      ...clauses);
  });
  $("agreements").replaceChildren(...blocks);
}

async function main() {
  const deals = await api("/v1/deals");
  for (const d of deals.body.deals) $("deal").append(el("option", { value: d.name }, d.name));
  $("deal").addEventListener("change", (e) => { loadDeal(e.target.value); loadAgreements(e.target.value); });
  $("question").addEventListener("input", suggest);
  $("ask-form").addEventListener("submit", (e) => { e.preventDefault(); ask($("question").value); });
  if (deals.body.deals.length) await Promise.all([loadDeal(deals.body.deals[0].name), loadAgreements(deals.body.deals[0].name)]);
}

main();
