#!/usr/bin/env node
// Drives `almanac preview` in the machine's headless Chromium (playwright-core, as browser-check.js)
// and prints JSON on stdout.
//
//   node tools/preview-drive.js scenario URL CHAPTER.md CHAPTER_ID
//     the browser tests' walk: axe-core on the page with its findings panel; the panel reached by
//     keyboard; an edit appears; a planted problem's finding appears in the panel and goes when fixed;
//     a source error shows in the page and the page recovers on the next good save.
//   node tools/preview-drive.js latency URL CHAPTER.md CHAPTER_ID N
//     `make bench`: N one-paragraph edits, each timed from just before the file is written to the new
//     text being in the page's DOM (polled every animation frame), with the server's own breakdown.
// Only 127.0.0.1 is contacted. The chapter file is restored at the end.
"use strict";

const fs = require("fs");

const { chromium, AXE, CHROMIUM, FLAGS, TAGS } = require("./chromium");
const TIMEOUT = 120000;

async function ready(page) {
  await page.waitForFunction(() => document.documentElement.dataset.previewReady !== undefined ||
    document.querySelector(".preview-problems") !== null, null, { timeout: TIMEOUT });
}

async function axe(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  }, TAGS);
}

async function settled(page, action) {
  // a save can come as several file events, each a rebuild: retry what a reload interrupted
  for (let attempt = 0; ; attempt++) {
    try {
      await new Promise((r) => setTimeout(r, 1000));
      await ready(page);
      return await action();
    } catch (error) {
      if (attempt >= 5 || !/context was destroyed|navigation/i.test(String(error))) throw error;
    }
  }
}

async function panelFor(page, chapterId) {
  await page.evaluate((id) => document.getElementById("chapter-" + id).scrollIntoView(), chapterId);
  await page.waitForFunction((id) => {
    const label = document.getElementById("preview-panel-chapter");
    return label && label.textContent.length > 0 && window.scrollY > 0;
  }, chapterId, { timeout: TIMEOUT });
}

async function scenario(url, file, chapterId) {
  const original = fs.readFileSync(file, "utf8");
  const out = {};
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  try {
    await page.goto(url, { waitUntil: "load" });
    await ready(page);
    await panelFor(page, chapterId);
    out.panel_chapter = await page.textContent("#preview-panel-chapter");
    out.axe = await axe(page);
    out.panel_landmark = await page.evaluate(() => {
      const aside = document.getElementById("preview-panel");
      const heading = aside.querySelector("h2");
      return { tag: aside.tagName.toLowerCase(), labelledBy: aside.getAttribute("aria-labelledby"), heading: heading && heading.textContent };
    });
    // the panel by keyboard: from the end of the page, Shift+Tab lands on it (it is the last stop)
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.keyboard.press("Shift+Tab");
    out.keyboard_focus = await page.evaluate(() => document.activeElement && document.activeElement.id);

    const nonce = "Preview check " + Date.now();
    fs.writeFileSync(file, original.trimEnd() + `\n\n${nonce}.\n`);
    await page.waitForFunction(([id, text]) => document.getElementById("chapter-" + id).textContent.includes(text),
      [chapterId, nonce], { timeout: TIMEOUT });
    out.edit_shown = true;

    const planted = original.trimEnd() + `\n\n${nonce}. Read more [click here](https://www.local.gov.uk/).\n`;
    const line = planted.split("\n").length - 1;
    fs.writeFileSync(file, planted);
    await page.waitForSelector(`#preview-findings li[data-rule="link-text-generic"]`, { timeout: TIMEOUT });
    out.finding_shown = await page.textContent(`#preview-findings li[data-rule="link-text-generic"]`);
    out.planted_line = line;

    fs.writeFileSync(file, planted.replace("[click here]", "[the LGA’s digital pages]"));
    await page.waitForSelector(`#preview-findings li[data-rule="link-text-generic"]`, { state: "detached", timeout: TIMEOUT });
    await page.waitForFunction(([id]) => document.getElementById("chapter-" + id).textContent.includes("digital pages"),
      [chapterId], { timeout: TIMEOUT });
    out.finding_gone = true;

    fs.writeFileSync(file, original.trimEnd() + `\n\n${nonce} <b>raw</b>\n`);
    await page.waitForSelector(".preview-problems", { timeout: TIMEOUT });
    await settled(page, async () => {
      out.error_shown = await page.textContent(".preview-problems");
      out.stale_content_hidden = await page.evaluate((id) => document.getElementById("chapter-" + id) === null, chapterId);
      out.error_axe = await axe(page);
    });

    fs.writeFileSync(file, original.trimEnd() + `\n\n${nonce} fixed.\n`);
    await page.waitForFunction(([id]) => {
      const section = document.getElementById("chapter-" + id);
      return section && section.textContent.includes("fixed.") && !document.querySelector(".preview-problems");
    }, [chapterId], { timeout: TIMEOUT });
    out.recovered = true;
    out.other_hosts = [...new Set(requests.map((u) => new URL(u).host))].filter((h) => h !== new URL(url).host);
  } finally {
    fs.writeFileSync(file, original);
    await browser.close();
  }
  return out;
}

async function latency(url, file, chapterId, count) {
  const original = fs.readFileSync(file, "utf8");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const runs = [];
  try {
    await page.goto(url, { waitUntil: "load" });
    await ready(page);
    await panelFor(page, chapterId);
    const base = original.trimEnd() + "\n\nPreview latency paragraph, version ";
    fs.writeFileSync(file, base + "0.\n");
    await page.waitForFunction(([id]) => document.getElementById("chapter-" + id).textContent.includes("version 0."),
      [chapterId], { timeout: TIMEOUT });
    for (let i = 1; i <= count; i++) {
      await new Promise((r) => setTimeout(r, 400));
      const text = `version ${i}.`;
      const start = Date.now();
      fs.writeFileSync(file, base + `${i}.\n`);
      await page.waitForFunction(([id, t]) => {
        const s = document.getElementById("chapter-" + id);
        return s && s.textContent.includes(t);
      }, [chapterId, text], { timeout: TIMEOUT, polling: "raf" });
      const seconds = (Date.now() - start) / 1000;
      const server = await page.evaluate(() => window.previewSeconds || {});
      runs.push({ seconds, server });
    }
  } finally {
    fs.writeFileSync(file, original);
    await browser.close();
  }
  return runs;
}

(async () => {
  const [mode, url, file, chapterId, n] = process.argv.slice(2);
  const result = mode === "latency" ? await latency(url, file, chapterId, Number(n || 15))
    : await scenario(url, file, chapterId);
  process.stdout.write(JSON.stringify(result, null, 1) + "\n");
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exit(1);
});
