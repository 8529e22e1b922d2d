// The machine's headless Chromium as every browser script here drives it: playwright-core and axe-core
// from .tools/node_modules (tools/install-validators.sh), Debian's /usr/bin/chromium (no browser
// download), the flags that keep it off the network, and the axe rule tags the project checks against.
"use strict";

const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const MODULES = path.join(ROOT, ".tools", "node_modules");

module.exports = {
  ROOT,
  chromium: require(path.join(MODULES, "playwright-core")).chromium,
  AXE: fs.readFileSync(path.join(MODULES, "axe-core", "axe.min.js"), "utf8"),
  CHROMIUM: process.env.CHROMIUM || "/usr/bin/chromium",
  FLAGS: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  TAGS: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
};
