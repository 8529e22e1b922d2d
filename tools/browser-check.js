#!/usr/bin/env node
// Loads local HTML pages in the machine's headless Chromium (/usr/bin/chromium, driven by
// playwright-core; no browser download) and reports, as JSON on stdout:
//   - axe-core violations (WCAG 2.0/2.1/2.2 A and AA plus best practice) at 1280 px wide;
//   - every request the page made while loading (only file:// URLs are allowed; others are aborted);
//   - document.documentElement.scrollWidth at 320 px wide (reflow, WCAG 1.4.10) and at 640 px with
//     text at 200 % (resize text, WCAG 1.4.4);
// or, with --screenshots DIR, saves PNGs at 320, 768 and 1280 px wide of the parts to look at.
//
// Usage: node tools/browser-check.js [--screenshots DIR] FILE.html [FILE.html ...]
// Run from the project root; the npm packages live in .tools/node_modules (tools/install-validators.sh).
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");

const { chromium, AXE, CHROMIUM, FLAGS, TAGS } = require("./chromium");
const SCREEN_WIDTHS = [320, 768, 1280];

async function open(context, file, width, requests) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  if (requests) page.on("request", (r) => requests.push(r.url()));
  await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
  return page;
}

async function runAxe(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 300), summary: n.failureSummary })),
    }));
  }, TAGS);
  return result;
}

async function scrollWidth(context, file, width, textScale) {
  const page = await open(context, file, width, null);
  if (textScale !== 1) await page.addStyleTag({ content: `html { font-size: ${textScale * 100}% !important; }` });
  const value = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.close();
  return value;
}

// How the first link in the main content looks, before and after it takes keyboard focus.
async function linkAndFocusStyles(page) {
  const link = await page.$("main a[href]");
  if (!link) return null;
  const look = () => link.evaluate((a) => {
    const s = getComputedStyle(a);
    return { color: s.color, textDecorationLine: s.textDecorationLine, backgroundColor: s.backgroundColor,
      boxShadow: s.boxShadow };
  });
  const before = await look();
  await link.focus();
  return { link: before, focused: await look() };
}

async function check(context, file) {
  const requests = [];
  const page = await open(context, file, 1280, requests);
  const violations = await runAxe(page);
  const focusFirst = await page.evaluate(() => {
    const a = document.querySelector("a[href], button, input, [tabindex]");
    return a ? a.outerHTML.slice(0, 200) : "";
  });
  const styles = await linkAndFocusStyles(page);
  await page.close();
  return {
    violations, requests, firstFocusable: focusFirst, styles,
    scrollWidth320: await scrollWidth(context, file, 320, 1),
    scrollWidth640Text200: await scrollWidth(context, file, 640, 2),
  };
}

// What a person should look at: the top of the page, and (on the almanac page) a chapter opener,
// a traffic-light table and a case study. Each shot starts at its element and is 1200 px tall.
const VIEWS = [["top", null], ["chapter", ".chapter-outcome"], ["table", "td.status-red"], ["case-study", ".case-study"]];

async function screenshots(context, file, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const saved = [];
  for (const width of SCREEN_WIDTHS) {
    const page = await open(context, file, width, null);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (const [view, selector] of VIEWS) {
      const top = selector === null ? 0 : await page.evaluate((sel) => {
        const el = document.querySelector(sel);
        const box = el && (el.closest(".table-wrap") || el).getBoundingClientRect();
        return box ? Math.max(0, Math.round(box.top + window.scrollY - 16)) : -1;
      }, selector);
      if (top < 0) continue;
      const name = `${path.basename(file, ".html")}-${width}-${view}.png`;
      const clip = { x: 0, y: top, width, height: Math.min(1200, height - top) };
      await page.screenshot({ path: path.join(dir, name), fullPage: true, clip });
      saved.push(path.join(dir, name));
    }
    await page.close();
  }
  return saved;
}

async function main(argv) {
  let shotsDir = null;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--screenshots") shotsDir = argv[++i];
    else files.push(argv[i]);
  }
  if (!files.length) throw new Error("usage: browser-check.js [--screenshots DIR] FILE.html ...");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "almanac-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: FLAGS, headless: true, offline: false,
  });
  // Nothing but local files may load: anything else is recorded (by the page listener) and aborted.
  await context.route((url) => url.protocol !== "file:", (route) => route.abort());
  const report = {};
  try {
    for (const file of files) {
      report[file] = shotsDir ? await screenshots(context, file, shotsDir) : await check(context, file);
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(report, null, 1) + "\n");
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`browser-check: ${error.stack || error}\n`);
  process.exit(2);
});
