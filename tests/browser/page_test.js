// The page of `dealcheck serve` in a real browser (Debian's chromium, headless): the
// Windsurf and stateless-API questions typed and submitted from the keyboard, their
// rendered verdict, reasons and timeline checked, a screenshot kept.
// Usage: node page_test.js URL SCREENSHOT.png
"use strict";
const puppeteer = require("puppeteer-core");

const [url, screenshot] = process.argv.slice(2);
let failed = 0;
function expect(ok, what, detail) {
  if (!ok) { failed++; console.log(`FAIL ${what}${detail !== undefined ? "\n  " + JSON.stringify(detail) : ""}`); }
}

async function ask(page, phrase) {
  await page.click("#question", { clickCount: 3 });
  await page.keyboard.press("Backspace");
  await page.type("#question", phrase);
  await page.keyboard.press("Enter");
  await page.waitForFunction((p) => {
    const v = document.querySelector("#verdict");
    return v && v.dataset.question === p && document.querySelector("#timeline svg");
  }, { timeout: 10000 }, phrase);
  return page.evaluate(() => ({
    verdict: document.querySelector("#verdict").textContent,
    deciding: [...document.querySelectorAll("#deciding .clause strong")].map((e) => e.textContent),
    answer: document.querySelector("#answer").innerText,
    intervals: [...document.querySelectorAll("#timeline svg g.interval")].map((g) => g.dataset.verdict),
    changes: document.querySelectorAll("#timeline svg line.change").length,
  }));
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    const outside = [];
    page.on("request", (r) => { if (!r.url().startsWith(url)) outside.push(r.url()); });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: "networkidle0" });
    await page.waitForSelector("#examples li");

    // Completion from the vocabulary: the last word completed, the rest kept.
    await page.type("#question", "OpenAI acq");
    const options = await page.$$eval("#suggestions option", (os) => os.map((o) => o.value));
    expect(options.includes("OpenAI acquires"), "completion offers `OpenAI acquires`", options);

    const windsurf = await ask(page, "OpenAI acquires Windsurf on 2025-06-01");
    expect(windsurf.verdict === "PERMITTED", "Windsurf: the verdict", windsurf.verdict);
    expect(windsurf.deciding.includes("acquired-ip-2025"), "Windsurf: the deciding clause", windsurf.deciding);
    expect(/rights to the acquired company's IP/.test(windsurf.answer), "Windsurf: the consequence", windsurf.answer);
    expect(/excludes_acquired_ip/.test(windsurf.answer), "Windsurf: the other reading", windsurf.answer);
    expect(windsurf.intervals.length > 1 && windsurf.changes > 0, "Windsurf: a timeline with change points", windsurf);

    const stateless = await ask(page, "OpenAI serves stateless API on AWS on 2026-06-01");
    expect(stateless.verdict === "PERMITTED", "stateless API: the verdict", stateless.verdict);
    expect(stateless.intervals.includes("forbidden") && stateless.intervals.at(-1) === "permitted",
      "stateless API: the timeline goes from forbidden to permitted", stateless.intervals);

    // A phrase that does not parse: the located error, shown to the reader.
    await page.click("#question", { clickCount: 3 });
    await page.type("#question", "OpenAI acquirez Windsurf");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#answer .error");
    const error = await page.$eval("#answer .error", (e) => e.textContent);
    expect(/did you mean `acquire`/.test(error), "a bad phrase shows its hint", error);

    // The agreements, browsable: each opens on its clauses and what displaced them.
    await page.click('details.agreement[data-agreement="revision-2025-01"] summary');
    const listed = await page.$eval('details.agreement[data-agreement="revision-2025-01"]', (d) => ({
      open: d.open, clauses: [...d.querySelectorAll(".listed-clause strong")].map((e) => e.textContent),
      relations: d.innerText,
    }));
    expect(listed.open && listed.clauses.includes("acquired-ip-2025"), "the agreements open on their clauses", listed.clauses);
    expect(/displaced on \d{4}-\d{2}-\d{2} by /.test(listed.relations), "a clause says what displaced it", listed.relations);

    expect(outside.length === 0, "the page needs no network beyond the server", outside);
    expect(errors.length === 0, "no script errors", errors.slice(0, 3));
    await ask(page, "OpenAI acquires Windsurf on 2025-06-01");
    await page.screenshot({ path: screenshot, fullPage: true });
  } finally {
    await browser.close();
  }
  console.log(failed ? "browser: FAILED" : "browser: all checks passed");
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.log(`FAIL ${e.stack || e}`); process.exit(1); });
